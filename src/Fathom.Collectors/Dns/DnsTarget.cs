using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Fathom.Collectors.Probes;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Dns;

/// <summary>One server of a dns collector: its cached series, its probe, and the answers it gave last.</summary>
internal sealed class DnsTarget
{
    private readonly CollectContext _context;
    private readonly DnsServer _server;
    private readonly DnsSettings _settings;
    private readonly DnsClient _client;
    private readonly ProbeOutcome _outcome;
    private readonly SeriesKey _queryTime;
    private readonly SeriesKey _rcode;
    private readonly SeriesKey _answers;
    private readonly SeriesKey _tcp;
    private readonly KeyValuePair<string, string>[] _tags;
    private string? _lastAnswers;

    public DnsTarget(CollectContext context, DnsServer server, DnsSettings settings)
    {
        _context = context;
        _server = server;
        _settings = settings;
        _client = new DnsClient(settings.Question, settings.WireName, settings.Recursion, context.Time);
        // Every series and event of the target, success/duration/failure included, is tagged name and type.
        _tags = [new("target", server.Text), new("name", DnsName.Display(settings.Question.Name)), new("type", settings.TypeName)];
        _outcome = new ProbeOutcome(context, "dns", server.Text, _tags[1], _tags[2]);
        _queryTime = _outcome.Series("query_time", Units.Milliseconds);
        _rcode = _outcome.Series("rcode", Units.Code);
        _answers = _outcome.Series("answers", Units.Count);
        _tcp = _outcome.Series("tcp", Units.Bool);
    }

    /// <summary>Queries the server; never throws but for the run's own cancellation.</summary>
    public async Task<DnsProbeResult> ProbeAsync(CancellationToken runToken)
    {
        var time = _context.Time;
        var start = time.GetTimestamp();
        using var timeout = new CancellationTokenSource(_settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, runToken);
        try
        {
            var endpoint = await _server.ResolveAsync(linked.Token).ConfigureAwait(false);
            var exchange = await _client.QueryAsync(endpoint, _settings.TcpOnly, linked.Token).ConfigureAwait(false);
            return new DnsProbeResult(exchange, null, time.GetElapsedTime(start));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !runToken.IsCancellationRequested)
        {
            var seconds = _settings.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return new DnsProbeResult(null, $"no reply within {seconds} s", time.GetElapsedTime(start));
        }
        catch (DnsProbeException e)
        {
            return new DnsProbeResult(null, e.Message, time.GetElapsedTime(start));
        }
        catch (SocketException e)
        {
            return new DnsProbeResult(null, $"{e.Message} ({e.SocketErrorCode})", time.GetElapsedTime(start));
        }
    }

    /// <summary>Emits one probe's result; called from one task for all targets (the context is single-user).</summary>
    public void Emit(DnsProbeResult result)
    {
        if (result.Exchange is not { } exchange)
        {
            _outcome.Failed(result.Duration, result.Error ?? "unknown failure");
            return;
        }

        var message = exchange.Message;
        var rcode = message.Header.Rcode;
        _context.Emit(_queryTime, exchange.QueryTime.TotalMilliseconds);
        _context.Emit(_rcode, rcode);
        _context.Emit(_answers, message.Answers.Count);
        _context.Emit(_tcp, exchange.Tcp ? 1 : 0);
        EmitAnswersIfChanged(message.Answers);
        if (rcode == _settings.ExpectRcode)
        {
            _outcome.Succeeded(result.Duration);
        }
        else
        {
            _outcome.Failed(result.Duration, $"rcode {DnsRcode.Name(rcode)}, expected {DnsRcode.Name(_settings.ExpectRcode)}");
        }
    }

    private void EmitAnswersIfChanged(IReadOnlyList<DnsRecord> records)
    {
        var answers = records.Select(DnsAnswer.From).ToList();
        // Order-insensitive: round-robin servers rotate the same records.
        var identity = string.Join('\n', answers.Select(a => a.Identity).Order(StringComparer.Ordinal));
        if (identity == _lastAnswers)
        {
            return;
        }

        _lastAnswers = identity;
        _context.EmitEvent("dns.answer", JsonSerializer.Serialize(answers, DnsJson.Default.ListDnsAnswer), _tags);
    }
}
