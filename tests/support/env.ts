// Pact's tools report usage to the internet unless told not to; nothing here may leave the machine.
process.env['PACT_DO_NOT_TRACK'] = 'true';
process.env['SCARF_ANALYTICS'] = 'false';
// The live gate refuses every host but loopback: no test can reach the real sandbox, even by mistake.
process.env['ACTIVITY_LOG_CONTRACT_LOOPBACK_ONLY'] = 'true';
