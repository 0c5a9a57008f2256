using Crawler.Testing.Postgres;

namespace Crawler.Runtime.Tests.Infrastructure.Postgres;

/// <summary>
/// Marks a test class whose inherited <see cref="SubstrateFactAttribute"/> tests need the PostgreSQL server, so
/// they are skipped without one (unless CI=true), as <see cref="PostgresFactAttribute"/> tests are.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PostgresRequiredAttribute : Attribute;
