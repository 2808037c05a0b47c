return await Strategy.Emulator.StrategyEmulator.RunAsync(args);
