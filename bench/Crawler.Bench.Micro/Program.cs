using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Crawler.Bench.Micro -- --filter '*'   (bench/run calls it with a short job)
BenchmarkSwitcher.FromAssembly(typeof(Crawler.Bench.Micro.UrlNormalizationBenchmarks).Assembly).Run(args);
