// A whole stack plus a browser per test on a 2-core machine: one test at a time keeps the bounds meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
