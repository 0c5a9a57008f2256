namespace Crawler.Runtime.Tests.TestGrains;

/// <summary>Which silo ran (or committed) the work item with this id.</summary>
public sealed record WorkReport(int Id, string SiloId);
