// Daemon tests start real processes and watch timing; running them one at a time on a 2-core
// machine keeps their schedules honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
