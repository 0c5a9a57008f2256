using Xunit.Abstractions;
using Xunit.Sdk;

namespace Crawler.Runtime.Tests.Infrastructure.Postgres;

/// <summary>Finds <see cref="SubstrateFactAttribute"/> tests; those of a PostgreSQL class may be skipped.</summary>
public sealed class SubstrateFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        return testMethod.TestClass.Class.GetCustomAttributes(typeof(PostgresRequiredAttribute)).Any()
            ? new PostgresTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)
            : base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
    }
}
