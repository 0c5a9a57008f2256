using Xunit.Sdk;

namespace Crawler.Runtime.Tests.Infrastructure.Postgres;

/// <summary>
/// A test of the substrate contract. An abstract class's attributes are the same for every derivation, so a plain
/// <c>[Fact(Skip = ...)]</c> cannot skip only the PostgreSQL one: this discoverer looks at the concrete class and
/// skips the tests of one marked <see cref="PostgresRequiredAttribute"/> when there is no server.
/// </summary>
[XunitTestCaseDiscoverer("Crawler.Runtime.Tests.Infrastructure.Postgres.SubstrateFactDiscoverer", "Crawler.Runtime.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SubstrateFactAttribute : FactAttribute;
