using Fathom.Lookup.Records;
using Fathom.Lookup.Server.Protocol;
using Fathom.Lookup.Server.Store;
using Fathom.Lookup.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Fathom.Lookup.Server.Tests;

public sealed class RecordStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Query_IndexedTermsAgreeWithScans_OnTenThousandRecords()
    {
        using var dir = new TempDir();
        using var store = RecordStore.Open(dir.File("lookup.db"), Now);
        for (var i = 0; i < 10_000; i++)
        {
            var record = new LookupRecord().Set("type", "service").Set("service-name", $"svc {i}").Set("service-type", i % 2 == 0 ? "owamp" : "bwctl").Set("n", $"{i % 7}");
            Assert.NotNull(store.Register(record, "service", TimeSpan.FromHours(1), Now, out _));
        }

        // The same question asked of the index by exact values and by wildcards (which glob the
        // index's distinct values); Uris also checks every answer against a scan of all records.
        Assert.Equal(Uris(store, "service-name=SVC 9999"), Uris(store, "service-name=SVC 999*9"));
        Assert.Single(Uris(store, "service-name=svc 9999"));
        Assert.Equal(Uris(store, "service-type=bwctl&n=3"), Uris(store, "service-type=bwct*&n=3*"));
        Assert.Equal(Uris(store, "service-type=bwctl&n=3&operator=any"), Uris(store, "service-type=bwct*&n=3*&operator=any"));
        Assert.Equal(Uris(store, "n=1,2"), Uris(store, "n=1*,2*"));
        Assert.Equal(715, Uris(store, "service-type=bwctl&n=3").Length);
        Assert.Equal(10_000, Uris(store, "").Length);
    }

    [Fact]
    public void Index_FollowsDeleteRenewAndExpiry()
    {
        using var dir = new TempDir();
        using var store = RecordStore.Open(dir.File("lookup.db"), Now);
        var a = store.Register(new LookupRecord().Set("type", "host").Set("host-name", "a"), "host", TimeSpan.FromMinutes(1), Now, out _)!;
        var b = store.Register(new LookupRecord().Set("type", "host").Set("host-name", "b"), "host", TimeSpan.FromMinutes(1), Now, out _)!;
        Assert.NotNull(store.Renew(b.Uri, "PT10M", TimeSpan.FromMinutes(10), Now));
        Assert.NotNull(store.Delete(a.Uri, Now));
        Assert.Empty(Uris(store, "host-name=a"));
        Assert.Equal([b.Uri], Uris(store, "host-name=B"));
        Assert.Equal(1, store.Prune(Now + TimeSpan.FromMinutes(11)));
        Assert.Empty(Uris(store, "type=host", Now + TimeSpan.FromMinutes(11)));
    }

    [Fact]
    public void Index_SharedValueGrowsAndShrinks_AnswersAgreeWithScanAtEachStep()
    {
        using var dir = new TempDir();
        using var store = RecordStore.Open(dir.File("lookup.db"), Now);
        var records = Enumerable.Range(0, 3)
            .Select(i => store.Register(new LookupRecord().Set("type", "service").Set("group-domains", "shared.example").Set("service-name", $"s{i}"), "service", TimeSpan.FromHours(1), Now, out _)!)
            .ToList();

        Assert.Equal(3, Uris(store, "group-domains=SHARED.example").Length);
        Assert.NotNull(store.Delete(records[0].Uri, Now));
        Assert.Equal([records[1].Uri, records[2].Uri], Uris(store, "group-domains=shared.*"));
        Assert.NotNull(store.Delete(records[1].Uri, Now)); // one holder left: the index keeps the uri alone
        Assert.Equal([records[2].Uri], Uris(store, "group-domains=shared.example"));
        Assert.Equal([records[2].Uri], Uris(store, "service-name=s2,s0"));
        Assert.NotNull(store.Delete(records[2].Uri, Now));
        Assert.Empty(Uris(store, "group-domains=shared.example"));
        Assert.NotNull(store.Register(new LookupRecord().Set("type", "service").Set("group-domains", "shared.example").Set("service-name", "s0"), "service", TimeSpan.FromHours(1), Now, out _));
        Assert.Single(Uris(store, "group-domains=shared.example"));
    }

    private static string[] Uris(RecordStore store, string queryString, DateTimeOffset? at = null)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString);
        var query = LookupQuery.TryParse(new QueryCollection(new Dictionary<string, StringValues>(parsed)), out var error);
        Assert.True(query is not null, error);
        var found = store.Query(query!, at ?? Now).Select(s => s.Uri).ToArray();

        var everything = LookupQuery.TryParse(new QueryCollection(), out _)! with { MaxResults = int.MaxValue };
        var scanned = store.Query(everything, at ?? Now).Where(s => query!.Matches(s.Record)).Select(s => s.Uri).Take(query!.MaxResults);
        Assert.Equal(scanned, found);
        return found;
    }
}
