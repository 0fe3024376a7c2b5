namespace Fathom.Collectors.Host;

/// <summary>
/// The fields we use of one /proc/self/mountinfo line:
/// "36 35 98:0 /root /mnt rw,noatime shared:1 - ext4 /dev/sda1 rw" (fields still octal-escaped).
/// </summary>
internal readonly ref struct MountInfoLine
{
    public ulong Device { get; init; }

    public ReadOnlySpan<byte> Root { get; init; }

    public ReadOnlySpan<byte> MountPoint { get; init; }

    public ReadOnlySpan<byte> FsType { get; init; }

    public ReadOnlySpan<byte> Source { get; init; }

    public static bool TryParse(ReadOnlySpan<byte> line, out MountInfoLine result)
    {
        result = default;
        var rest = line;
        SpanText.NextToken(ref rest); // mount id
        SpanText.NextToken(ref rest); // parent id
        var dev = SpanText.NextToken(ref rest);
        var root = SpanText.NextToken(ref rest);
        var mountPoint = SpanText.NextToken(ref rest);
        SpanText.NextToken(ref rest); // mount options
        ReadOnlySpan<byte> token;
        do
        {
            token = SpanText.NextToken(ref rest); // optional fields up to the "-" separator
        }
        while (!token.IsEmpty && !token.SequenceEqual("-"u8));

        var fsType = SpanText.NextToken(ref rest);
        var source = SpanText.NextToken(ref rest);
        var colon = dev.IndexOf((byte)':');
        if (fsType.IsEmpty || source.IsEmpty || mountPoint.IsEmpty || colon < 0
            || !SpanText.TryParseUInt64(dev[..colon], out var major) || !SpanText.TryParseUInt64(dev[(colon + 1)..], out var minor))
        {
            return false;
        }

        result = new MountInfoLine { Device = (major << 32) | minor, Root = root, MountPoint = mountPoint, FsType = fsType, Source = source };
        return true;
    }
}
