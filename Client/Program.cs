using Crawler.Client.Cli;

return await CrawlerCli.RunAsync(args, CancellationToken.None);
