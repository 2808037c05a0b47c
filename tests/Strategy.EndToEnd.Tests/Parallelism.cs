// The suite waits on servers far more than it computes, and every test starts its own emulator on its
// own port: fixtures run side by side. A fixture or test that reads process-wide state (console,
// environment, listeners, the GC's heap) is [NonParallelizable] and runs alone.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
