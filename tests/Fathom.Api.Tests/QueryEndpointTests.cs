using System.Net;
using Fathom.Api.Client.Wire;
using Fathom.Api.Tests.Support;
using Fathom.Core.Storage;
using Fathom.TestSupport;
using static Fathom.Api.Tests.Support.Data;

namespace Fathom.Api.Tests;

public sealed class QueryEndpointTests
{
    private const string Day = "from=2026-11-21T10:00:00Z&to=2026-11-22T09:59:00Z";

    [Fact]
    public async Task Query_RawDay_ColumnsEqualTheReadPort()
    {
        await using var host = await ApiHost.StartAsync();
        var key = Key("ping.rtt.avg", "ms", ("collector", "p"), ("target", "a"));
        host.Write(Minutes(key, T0, 1440));

        var body = await ProblemAssert.GetJsonAsync(host, $"/api/v1/query?name=ping.rtt.avg&{Day}", ApiJson.Default.QueryResultDto);

        using var reader = host.OpenReader();
        var expected = reader.Query("ping.rtt.avg", [], T0, T0 + (1439 * Minute)).Single();
        var series = Assert.Single(body.Series);
        Assert.Equal(expected.Points.Select(p => p.TimeNs), series.T);
        Assert.Equal(expected.Points.Select(p => (double?)p.Value), series.V);
        Assert.Equal(1440, series.T.Length);
        Assert.Equal(("ping.rtt.avg", "ms", "ping.rtt.avg{collector=p,target=a}"), (series.Name, series.Unit, series.Key));
        Assert.Equal(new Dictionary<string, string> { ["collector"] = "p", ["target"] = "a" }, series.Tags);
        Assert.Equal((T0, T0 + (1439 * Minute), (long?)null, (string?)null), (body.From, body.To, body.Step, body.Agg));
        Assert.Empty(body.Problems);
    }

    [Theory]
    [InlineData("avg", Aggregation.Avg)]
    [InlineData("max", Aggregation.Max)]
    [InlineData("last", Aggregation.Last)]
    [InlineData("mean", Aggregation.Avg)]
    public async Task Query_StepAndAgg_BucketsEqualTheReadPort(string agg, Aggregation aggregation)
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt"), T0, 600));

        var body = await ProblemAssert.GetJsonAsync(host, $"/api/v1/query?name=rtt&{Day}&step=1h&agg={agg}", ApiJson.Default.QueryResultDto);

        using var reader = host.OpenReader();
        var expected = reader.Query("rtt", [], T0, T0 + (1439 * Minute), 3600 * Second, aggregation).Single();
        var series = Assert.Single(body.Series);
        Assert.Equal(10, series.T.Length);
        Assert.Equal(expected.Points.Select(p => p.TimeNs), series.T);
        Assert.Equal(expected.Points.Select(p => (double?)p.Value), series.V);
        Assert.Equal((3600 * Second, aggregation.ToString().ToLowerInvariant()), (body.Step, body.Agg));
        Assert.Equal("ms", series.Unit);
    }

    [Fact]
    public async Task Query_CountAggregation_UnitIsCount()
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt"), T0, 120));

        var body = await ProblemAssert.GetJsonAsync(host, $"/api/v1/query?name=rtt&{Day}&step=1h&agg=count", ApiJson.Default.QueryResultDto);

        var series = Assert.Single(body.Series);
        Assert.Equal("count", series.Unit);
        Assert.Equal([60.0, 60.0], series.V);
    }

    [Fact]
    public async Task Query_StepWithoutAgg_Average()
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt"), T0, 4));

        var body = await ProblemAssert.GetJsonAsync(host, $"/api/v1/query?name=rtt&{Day}&step=1d", ApiJson.Default.QueryResultDto);

        Assert.Equal("avg", body.Agg);
        Assert.Equal([2.25], Assert.Single(body.Series).V);
    }

    [Fact]
    public async Task Query_GlobAndTags_OnlyMatchingSeriesInCanonicalOrder()
    {
        await using var host = await ApiHost.StartAsync();
        host.Write([.. Minutes(Key("ping.rtt.avg", "ms", ("target", "b")), T0, 3), .. Minutes(Key("ping.rtt.avg", "ms", ("target", "a")), T0, 3), .. Minutes(Key("ping.loss", "percent", ("target", "a")), T0, 3), .. Minutes(Key("http.ttfb", "ms", ("target", "a")), T0, 3)]);

        var glob = await ProblemAssert.GetJsonAsync(host, $"/api/v1/query?name=ping.*&{Day}", ApiJson.Default.QueryResultDto);
        var tagged = await ProblemAssert.GetJsonAsync(host, $"/api/v1/query?name=ping.*&tag=target=a&{Day}", ApiJson.Default.QueryResultDto);

        Assert.Equal(["ping.loss{target=a}", "ping.rtt.avg{target=a}", "ping.rtt.avg{target=b}"], glob.Series.Select(s => s.Key));
        Assert.Equal(["ping.loss{target=a}", "ping.rtt.avg{target=a}"], tagged.Series.Select(s => s.Key));
    }

    [Fact]
    public async Task Query_DefaultRange_LastHourUntilNow()
    {
        var clock = new FakeTimeProvider(T0Time.AddHours(3));
        await using var host = await ApiHost.StartAsync(time: clock);
        host.Write(Minutes(Key("rtt"), T0, 240));

        var body = await ProblemAssert.GetJsonAsync(host, "/api/v1/query?name=rtt", ApiJson.Default.QueryResultDto);

        var now = T0 + (180 * Minute);
        Assert.Equal((now - (60 * Minute), now), (body.From, body.To));
        var series = Assert.Single(body.Series);
        Assert.Equal(61, series.T.Length);
        Assert.Equal(now - (60 * Minute), series.T[0]);
        Assert.Equal(now, series.T[^1]);
    }

    [Theory]
    [InlineData("from=-30m&to=now", 150, 180)]
    [InlineData("from=-2h&to=-1h", 60, 120)]
    [InlineData("from=1795255200000000000&to=1795255800000000000", 0, 10)]
    [InlineData("from=2026-11-21T11:00:00%2B01:00&to=2026-11-21T10:05:00Z", 0, 5)]
    public async Task Query_TimeSyntax_SameAsTheCli(string range, int firstMinute, int lastMinute)
    {
        var clock = new FakeTimeProvider(T0Time.AddHours(3));
        await using var host = await ApiHost.StartAsync(time: clock);
        host.Write(Minutes(Key("rtt"), T0, 240));

        var body = await ProblemAssert.GetJsonAsync(host, $"/api/v1/query?name=rtt&{range}", ApiJson.Default.QueryResultDto);

        var series = Assert.Single(body.Series);
        Assert.Equal(T0 + (firstMinute * Minute), series.T[0]);
        Assert.Equal(T0 + (lastMinute * Minute), series.T[^1]);
    }

    [Fact]
    public async Task Query_NaNValue_WrittenAsNull()
    {
        await using var host = await ApiHost.StartAsync();
        var key = Key("rtt");
        host.Write(Point(key, T0, 1), Point(key, T0 + Minute, double.NaN), Point(key, T0 + (2 * Minute), 3));

        var body = await ProblemAssert.GetJsonAsync(host, $"/api/v1/query?name=rtt&{Day}", ApiJson.Default.QueryResultDto);

        Assert.Equal([1.0, null, 3.0], Assert.Single(body.Series).V);
    }

    [Fact]
    public async Task Query_SeriesWithoutPointsInRange_EmptyColumns()
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt"), T0, 3));

        var body = await ProblemAssert.GetJsonAsync(host, "/api/v1/query?name=rtt&from=2026-11-20T00:00:00Z&to=2026-11-20T01:00:00Z", ApiJson.Default.QueryResultDto);

        var series = Assert.Single(body.Series);
        Assert.Empty(series.T);
        Assert.Empty(series.V);
    }

    [Fact]
    public async Task Query_CorruptBlock_ReadablePointsWithProblemNamed()
    {
        await using var host = await ApiHost.StartAsync();
        var blockPoints = Archive.Blocks.BlockPointWriter.BlockPoints;
        host.Write([.. Enumerable.Range(0, 2 * blockPoints).Select(i => Point(Key("rtt"), T0 + (i * Second), i))]);
        host.CloseWriter();
        using (var connection = Archive.Sqlite.SqliteConnection.Open(host.ArchivePath, readOnly: false, TimeSpan.FromSeconds(5)))
        {
            connection.Execute($"UPDATE blocks SET data = substr(data, 1, length(data) / 2) WHERE start_ns = {T0}");
        }

        var body = await ProblemAssert.GetJsonAsync(host, $"/api/v1/query?name=rtt&{Day}", ApiJson.Default.QueryResultDto);

        var series = Assert.Single(body.Series);
        Assert.Equal(Enumerable.Range(blockPoints, blockPoints).Select(i => T0 + (i * Second)), series.T);
        var problem = Assert.Single(body.Problems);
        Assert.Contains("corrupt block of series", problem, StringComparison.Ordinal);
        Assert.Contains($"starting at {T0}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_MissingName_400Name()
    {
        await using var host = await ApiHost.StartAsync();

        var problem = await ProblemAssert.GetAsync(host, "/api/v1/query", HttpStatusCode.BadRequest, "name");

        Assert.Contains("name is required", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name=nope")]
    [InlineData("name=nope.*")]
    [InlineData("name=rtt&tag=target=elsewhere")]
    [InlineData("name=nope&step=1m")]
    [InlineData("name=rtt&tag=target=elsewhere&step=1m")]
    public async Task Query_NoSeriesMatches_404Name(string selector)
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt", "ms", ("target", "a")), T0, 3));

        var problem = await ProblemAssert.GetAsync(host, $"/api/v1/query?{selector}", HttpStatusCode.NotFound, "name");

        Assert.Contains("no series matches name", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("urn:fathom:problem:not-found", problem.Type);
    }

    [Theory]
    [InlineData("from=yesterday", "from", "'yesterday' is not a time")]
    [InlineData("to=2026-13-01T00:00:00Z", "to", "'2026-13-01T00:00:00Z' is not a time")]
    [InlineData("from=-1y", "from", "'-1y' is not a time")]
    [InlineData("from=-99999999999w", "from", "too far back")]
    [InlineData("from=12.5", "from", "not a time")]
    [InlineData("to=", "to", "'to' is empty")]
    public async Task Query_BadTime_400NamesParameter(string range, string parameter, string message)
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt"), T0, 3));

        var problem = await ProblemAssert.GetAsync(host, $"/api/v1/query?name=rtt&{range}", HttpStatusCode.BadRequest, parameter);

        Assert.Contains(message, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_FromAfterTo_400From()
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt"), T0, 3));

        var problem = await ProblemAssert.GetAsync(host, "/api/v1/query?name=rtt&from=2026-11-21T11:00:00Z&to=2026-11-21T10:00:00Z", HttpStatusCode.BadRequest, "from");

        Assert.Equal("from (2026-11-21T11:00:00Z) is after to (2026-11-21T10:00:00Z)", problem.Detail);
    }

    [Fact]
    public async Task Query_UnknownAggregation_400Agg()
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt"), T0, 3));

        var problem = await ProblemAssert.GetAsync(host, "/api/v1/query?name=rtt&step=1m&agg=median", HttpStatusCode.BadRequest, "agg");

        Assert.Equal("unknown aggregation 'median' (known: avg, min, max, sum, count, last)", problem.Detail);
    }

    [Fact]
    public async Task Query_AggWithoutStep_400Agg()
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt"), T0, 3));

        var problem = await ProblemAssert.GetAsync(host, "/api/v1/query?name=rtt&agg=max", HttpStatusCode.BadRequest, "agg");

        Assert.Contains("agg needs step", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0")]
    [InlineData("0.5ms")]
    [InlineData("-1m")]
    [InlineData("1y")]
    public async Task Query_BadStep_400Step(string step)
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt"), T0, 3));

        var problem = await ProblemAssert.GetAsync(host, $"/api/v1/query?name=rtt&step={step}", HttpStatusCode.BadRequest, "step");

        Assert.Equal($"step '{step}' is not a duration of at least 1ms (e.g. 30s, 5m, 1h, 1d)", problem.Detail);
    }

    [Theory]
    [InlineData("target")]
    [InlineData("=a")]
    [InlineData("")]
    public async Task Query_MalformedTag_400Tag(string tag)
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt"), T0, 3));

        var problem = await ProblemAssert.GetAsync(host, $"/api/v1/query?name=rtt&tag={tag}", HttpStatusCode.BadRequest, "tag");

        Assert.Contains($"tag '{tag}' is not key=value", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name=rtt&name=loss", "name")]
    [InlineData("name=rtt&from=-1h&from=-2h", "from")]
    [InlineData("name=rtt&step=1m&step=5m", "step")]
    [InlineData("name=rtt&step=1m&agg=max&agg=min", "agg")]
    public async Task Query_RepeatedSingleValuedParameter_400NamesIt(string parameters, string parameter)
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt"), T0, 3));

        var problem = await ProblemAssert.GetAsync(host, $"/api/v1/query?{parameters}", HttpStatusCode.BadRequest, parameter);

        Assert.Equal($"'{parameter}' is given 2 times; it takes one value", problem.Detail);
    }

    [Theory]
    [InlineData("fro")]
    [InlineData("tags")]
    [InlineData("aggregation")]
    public async Task Query_UnknownParameter_400NamesIt(string parameter)
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt"), T0, 3));

        var problem = await ProblemAssert.GetAsync(host, $"/api/v1/query?name=rtt&{parameter}=x", HttpStatusCode.BadRequest, parameter);

        Assert.StartsWith($"unknown parameter '{parameter}'", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_StepGivingTooManyPoints_400StepSaysHowManyAndWhatToDo()
    {
        await using var host = await ApiHost.StartAsync(s => s with { MaxPoints = 1000 });
        host.Write([.. Minutes(Key("rtt", "ms", ("target", "a")), T0, 3), .. Minutes(Key("rtt", "ms", ("target", "b")), T0, 3)]);

        var problem = await ProblemAssert.GetAsync(host, $"/api/v1/query?name=rtt&{Day}&step=1m", HttpStatusCode.BadRequest, "step");

        Assert.Equal(
            "step 1m gives 1,440 buckets × 2 series = 2,880 points, over the limit of 1,000 (max_points in <api>): ask with a step of at least 3m, a shorter range (from, to) or fewer series",
            problem.Detail);
    }

    [Fact]
    public async Task Query_StepAtTheLimit_Answers()
    {
        await using var host = await ApiHost.StartAsync(s => s with { MaxPoints = 1440 });
        host.Write(Minutes(Key("rtt"), T0, 1440));

        var body = await ProblemAssert.GetJsonAsync(host, $"/api/v1/query?name=rtt&{Day}&step=1m", ApiJson.Default.QueryResultDto);

        Assert.Equal(1440, Assert.Single(body.Series).T.Length);
    }

    [Fact]
    public async Task Query_RawOverTheLimit_400SaysHowManyAndWhatToDo()
    {
        await using var host = await ApiHost.StartAsync(s => s with { MaxPoints = 1000 });
        host.Write(Minutes(Key("rtt"), T0, 1440));

        var problem = await ProblemAssert.GetAsync(host, $"/api/v1/query?name=rtt&{Day}", HttpStatusCode.BadRequest, "step");

        Assert.Equal(
            "the range holds 1,440 raw points in 1 series, over the limit of 1,000 (max_points in <api>): ask with a step of at least 2m, a shorter range (from, to) or fewer series",
            problem.Detail);
    }

    [Fact]
    public async Task Query_QueryStringOverKestrelsLimit_RefusedWithoutServerError()
    {
        await using var host = await ApiHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri($"/api/v1/query?name={new string('a', 10_000)}", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    [Fact]
    public async Task Query_FortyAtOnce_AllAnsweredAlike()
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Minutes(Key("rtt"), T0, 1440));

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            ProblemAssert.GetJsonAsync(host, $"/api/v1/query?name=rtt&{Day}{(i % 2 == 0 ? "&step=5m&agg=max" : "")}", ApiJson.Default.QueryResultDto)))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(answers.Where((_, i) => i % 2 == 1), a => Assert.Equal(answers[1].Series[0].V, a.Series[0].V));
        Assert.All(answers.Where((_, i) => i % 2 == 0), a => Assert.Equal(288, a.Series[0].T.Length));
    }

    [Fact]
    public async Task Query_RawClearlyOverTheLimit_400BeforeReading()
    {
        await using var host = await ApiHost.StartAsync(s => s with { MaxPoints = 100 });
        host.Write([.. Minutes(Key("rtt", "ms", ("target", "a")), T0, 1440), .. Minutes(Key("rtt", "ms", ("target", "b")), T0, 1440)]);

        var problem = await ProblemAssert.GetAsync(host, "/api/v1/query?name=rtt&from=2026-11-21T10:00:00Z&to=2026-11-21T21:59:00Z", HttpStatusCode.BadRequest, "step");

        Assert.StartsWith("the range holds about 1,4", problem.Detail, StringComparison.Ordinal);
        Assert.EndsWith(
            " raw points in 2 series, over the limit of 100 (max_points in <api>): ask with a step of at least 15m, a shorter range (from, to) or fewer series",
            problem.Detail,
            StringComparison.Ordinal);
    }
}
