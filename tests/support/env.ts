// Pact's tools report usage to the internet unless told not to; nothing here may leave the machine.
process.env['PACT_DO_NOT_TRACK'] = 'true';
process.env['SCARF_ANALYTICS'] = 'false';
