using Crawler.Runtime.Substrate;
using Crawler.Runtime.Substrate.InMemory;

namespace Crawler.Runtime.Tests.Substrate;

public sealed class InMemorySubstrateContractTests : SubstrateContractTests
{
    protected override Task<ISubstrate> CreateSubstrateAsync(int partitionCount) =>
        Task.FromResult<ISubstrate>(new InMemorySubstrate(partitionCount));
}
