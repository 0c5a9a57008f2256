using Crawler.Bench;

return await BenchCli.RunAsync(args);
