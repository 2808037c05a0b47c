// strategy-emulator: runs the emulator until Ctrl+C or SIGTERM; --help lists its settings and control endpoints.
return await Strategy.Emulator.StrategyEmulator.RunAsync(args);
