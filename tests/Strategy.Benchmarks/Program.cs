using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Strategy.Benchmarks.SubscriptionPageBenchmarks).Assembly).Run(args);
