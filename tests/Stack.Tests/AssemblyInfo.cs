// Each test here runs a whole stack (up to three nats-servers and three .NET services) on a 2-core machine:
// one at a time keeps start-up bounds meaningful, and start.sh's default ports are never contended.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
