using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Fathom.Benchmarks;

// harness ...  : Stopwatch measurements mirroring bench/pcp-timer (see Harness.cs)
// bdn [args]   : BenchmarkDotNet (any BenchmarkSwitcher arguments, e.g. --filter '*Dispatch*')
if (args is ["harness", ..])
{
    return Harness.Run(args[1..]);
}

var rest = args is ["bdn", ..] ? args[1..] : args;
var job = Job.Default
    .WithWarmupCount(5)
    .WithIterationCount(15)
    .WithIterationTime(TimeInterval.FromMilliseconds(250));
var config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddDiagnoser(MemoryDiagnoser.Default);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(RegisterReleaseBenchmarks).Assembly).Run(rest, config);

// One machine-readable line per case, in the C harness's format (per operation as BenchmarkDotNet defines it).
foreach (var summary in summaries)
{
    foreach (var report in summary.Reports)
    {
        var stats = report.ResultStatistics;
        if (stats is null)
        {
            Console.WriteLine($"RESULT side=fathom-bdn bench={report.BenchmarkCase.Descriptor.WorkloadMethod.Name} failed=1");
            continue;
        }

        var n = report.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value ?? 1;
        var alloc = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT side=fathom-bdn bench={report.BenchmarkCase.Descriptor.WorkloadMethod.Name} n={n} median_ns={stats.Median:F2} mean_ns={stats.Mean:F2} stddev_ns={stats.StandardDeviation:F2} alloc_bytes_per_op={alloc}"));
    }
}

return 0;
