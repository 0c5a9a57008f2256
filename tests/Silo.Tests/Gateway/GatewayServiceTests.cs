using Crawler.Silo.Gateway;

namespace Crawler.Silo.Tests.Gateway;

public sealed class GatewayServiceTests
{
    [Theory]
    [InlineData("System.ArgumentException", true)]
    [InlineData("System.ArgumentOutOfRangeException", true)]
    [InlineData("System.ArgumentNullException", true)]
    [InlineData("System.Text.RegularExpressions.RegexParseException", true)]
    [InlineData("System.InvalidOperationException", false)]
    [InlineData("System.TimeoutException", false)]
    [InlineData("No.Such.Exception", false)]
    [InlineData(null, false)]
    public void IsArgumentError_RemoteExceptionType_IsBadInputOnlyForArgumentExceptions(string? typeName, bool expected)
    {
        _ = new System.Text.RegularExpressions.Regex("a");

        Assert.Equal(expected, GatewayService.IsArgumentError(typeName));
    }
}
