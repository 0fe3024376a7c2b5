using System.Diagnostics;
using System.Globalization;
using Fathom.Archive.Sqlite;

namespace Fathom.Archive.Tests;

public sealed class KillDurabilityTests : IDisposable
{
    private const int Rounds = 20;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WriteBatch_KilledAtRandomPoints_KeepsEveryCommittedPointAndOpensAgain()
    {
        var path = _folder.File("archive.db");
        var random = new Random(2026);
        var committed = new int[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            committed[round] = await RunAndKillAsync(path, round, random.Next(1, 200));

            using (var raw = SqliteConnection.Open(path, readOnly: false, TimeSpan.FromSeconds(5)))
            {
                Assert.Equal("ok", raw.ScalarText("PRAGMA integrity_check"));
            }

            AssertCommittedPresent(path, committed, round);
        }

        // The writer opens the file again after the last kill, and everything is still there.
        using (new SqliteArchive(path))
        {
        }

        AssertCommittedPresent(path, committed, Rounds - 1);
    }

    private static async Task<int> RunAndKillAsync(string path, int round, int killAfter)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(KillTarget).Assembly.Location);
        info.ArgumentList.Add(KillTarget.Verb);
        info.ArgumentList.Add(path);
        info.ArgumentList.Add(round.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(info)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var last = 0;
        try
        {
            for (var i = 0; i < killAfter; i++)
            {
                var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                if (line is null)
                {
                    Assert.Fail($"child of round {round} ended early: {await stderr}");
                }

                last = int.Parse(line, CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            // Process.Kill is SIGKILL on Linux: no finalizers, no Dispose, mid-transaction at a random point.
            child.Kill();
            await child.WaitForExitAsync();
        }

        return last;
    }

    private static void AssertCommittedPresent(string path, int[] committed, int upToRound)
    {
        using var reader = ArchiveReader.Open(path);
        foreach (var series in new[] { 0, 42, KillTarget.Series - 1 })
        {
            var key = KillTarget.KeyOf(series);
            var times = Assert.Single(reader.Query(key.Name, [.. key.Tags], long.MinValue, long.MaxValue)).Points.Select(p => p.TimeNs).ToHashSet();
            for (var round = 0; round <= upToRound; round++)
            {
                for (var step = 0; step < committed[round]; step++)
                {
                    Assert.True(
                        times.Contains(KillTarget.BaseTime(round) + (step * Data.Second)),
                        $"series {series}: step {step} of round {round} was reported committed ({committed[round]} steps) but is missing");
                }
            }
        }
    }
}
