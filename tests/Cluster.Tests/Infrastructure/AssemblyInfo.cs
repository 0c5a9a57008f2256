// Each test runs a whole cluster of silo processes: on a two-core machine they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
