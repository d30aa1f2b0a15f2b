// Each scenario runs a whole stack under ~200 requests/s on a 2-core machine: one at a time keeps the timing-based
// expectations (503 at once, 504 within the budget, recovery within 5 s) meaningful. The secrets check runs last,
// over everything the other scenarios produced.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: TestCollectionOrderer("GenieCanvas.Faults.Tests.SecretsCheckLast", "GenieCanvas.Faults.Tests")]
