using Crawler.Testing.Postgres;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Crawler.Runtime.Tests.Infrastructure.Postgres;

/// <summary>A test case that is skipped when there is no PostgreSQL server to run it against (outside CI).</summary>
public sealed class PostgresTestCase : XunitTestCase
{
    [Obsolete("For the xunit deserializer only.")]
    public PostgresTestCase()
    {
    }

    public PostgresTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    // Asked again after the case is deserialized for running, so it always reflects this process's environment.
    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        PostgresTestEnvironment.SkipReason ?? base.GetSkipReason(factAttribute);
}
