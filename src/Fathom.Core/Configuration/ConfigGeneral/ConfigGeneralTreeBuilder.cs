namespace Fathom.Core.Configuration.ConfigGeneral;

/// <summary>
/// The parsing pass of Config::General (_parse) at its default options: options and blocks into a tree,
/// repeated keys and blocks into arrays. Like the reference, a closing tag closes the innermost open block
/// whatever name it carries.
/// </summary>
internal static class ConfigGeneralTreeBuilder
{
    /// <summary>The deepest nesting the reference's dumper prints (JSON::PP's max_depth 512 counts the root too).</summary>
    public const int MaxBlockDepth = 511;

    /// <summary>
    /// One pass with a stack of open blocks. The reference collects each block's lines and parses them again
    /// when it closes, so every line is copied once per enclosing block: quadratic in the nesting depth.
    /// A block is added to its parent when it closes, as there, so keys keep the reference's order.
    /// </summary>
    public static ConfigObject Build(IReadOnlyList<ContentLine> content, ConfigLocation rootLocation, ICollection<string> warnings)
    {
        var root = new ConfigObject(rootLocation);

        // The reference only finds a block left open after every block before it closed, and never parses its lines.
        var unclosed = UnclosedTopBlock(content);
        var open = new List<OpenBlock>();
        for (var i = 0; i < (unclosed < 0 ? content.Count : unclosed); i++)
        {
            var item = content[i];
            var text = PerlText.Trim(item.Text);
            var start = CgRegex.BlockStart().Match(text);
            if (start.Success)
            {
                if (open.Count == MaxBlockDepth)
                {
                    throw FirstInReferenceOrder(root, open, new ConfigException(item.Location, $"blocks nested more than {MaxBlockDepth} deep"));
                }

                var (block, name) = OpenBlockTag(start.Groups[1].Value);
                open.Add(new OpenBlock(block!, name, item.Location));
                continue;
            }

            var end = CgRegex.BlockEnd().Match(text);
            if (end.Success)
            {
                if (open.Count == 0)
                {
                    throw new ConfigException(item.Location, $"closing tag </{end.Groups[1].Value}> without an open block");
                }

                var closing = open[^1];
                open.RemoveAt(open.Count - 1);
                WarnIfMismatched(end.Groups[1].Value, closing, item.Location, warnings);
                try
                {
                    CloseBlock(open.Count == 0 ? root : open[^1].Content, closing.Block, closing.Name, closing.Location, closing.Content);
                }
                catch (ConfigException e) when (open.Count > 0)
                {
                    throw FirstInReferenceOrder(root, open, e);
                }

                continue;
            }

            AddOption(open.Count == 0 ? root : open[^1].Content, text, item.Location);
        }

        if (unclosed >= 0)
        {
            var (block, _) = OpenBlockTag(CgRegex.BlockStart().Match(PerlText.Trim(content[unclosed].Text)).Groups[1].Value);
            if (PerlText.IsTrue(block))
            {
                throw new ConfigException(content[unclosed].Location, $"block <{block}> is never closed (no </{block}>)");
            }
        }

        return root;
    }

    /// <summary>The index of the last top-level opening tag when its block is never closed, else -1.</summary>
    private static int UnclosedTopBlock(IReadOnlyList<ContentLine> content)
    {
        var depth = 0;
        var top = -1;
        for (var i = 0; i < content.Count; i++)
        {
            var text = PerlText.Trim(content[i].Text);
            if (CgRegex.BlockStart().IsMatch(text))
            {
                top = depth == 0 ? i : top;
                depth++;
            }
            else if (CgRegex.BlockEnd().IsMatch(text))
            {
                if (depth == 0)
                {
                    return -1; // a stray closing tag: the error is there
                }

                depth--;
            }
        }

        return depth > 0 ? top : -1;
    }

    /// <summary>The reference lets any closing tag close the innermost block; a different name is most likely a mistake.</summary>
    private static void WarnIfMismatched(string closeTag, OpenBlock block, ConfigLocation at, ICollection<string> warnings)
    {
        var name = closeTag.Replace("\"", "", StringComparison.Ordinal);
        if (name == block.Block || (block.Name is not null && name == $"{block.Block} {block.Name}"))
        {
            return;
        }

        var opened = block.Name is null ? $"<{block.Block}>" : $"<{block.Block} {block.Name}>";
        warnings.Add($"{at}: </{closeTag}> closes {opened} opened at {block.Location}");
    }

    /// <summary>The block and name of an opening tag (a name only when the tag has one).</summary>
    private static (string? Block, string? Name) OpenBlockTag(string tag)
    {
        if (CgRegex.QuotedBlock().IsMatch(tag))
        {
            return (tag.Replace("\"", "", StringComparison.Ordinal), null);
        }

        var named = CgRegex.NamedBlock().Match(tag);
        if (!named.Success)
        {
            return (tag, null);
        }

        return (PerlText.Or(Group(named, 1), Group(named, 2)), PerlText.Or(Group(named, 3), Group(named, 4)));
    }

    private sealed class OpenBlock(string block, string? name, ConfigLocation location)
    {
        public string Block { get; } = block;

        public string? Name { get; } = name;

        public ConfigLocation Location { get; } = location;

        public ConfigObject Content { get; } = new(location);
    }

    private static string? Group(System.Text.RegularExpressions.Match match, int index) =>
        match.Groups[index].Success ? match.Groups[index].Value : null;

    private static void AddOption(ConfigObject config, string text, ConfigLocation location)
    {
        var (option, value) = Split(text);
        var scalar = new ConfigScalar(location, Unescape(Unquote(value)));
        if (config.TryGet(option, out var existing))
        {
            AsArray(config, option, existing).Items.Add(scalar);
        }
        else
        {
            config.Set(option, scalar);
        }
    }

    private static void CloseBlock(ConfigObject config, string block, string? name, ConfigLocation location, ConfigObject inner)
    {
        if (Clash(config, block, name, location) is { } clash)
        {
            throw clash;
        }

        if (!config.TryGet(block, out var existing))
        {
            config.Set(block, name is null ? inner : new ConfigObject(location));
            if (name is null)
            {
                return;
            }

            existing = config[block];
        }

        if (name is null)
        {
            AsArray(config, block, existing).Items.Add(inner);
            return;
        }

        var named = (ConfigObject)existing;
        if (named.TryGet(name, out var previous))
        {
            AsArray(named, name, previous).Items.Add(inner);
        }
        else
        {
            named.Set(name, inner);
        }
    }

    /// <summary>Why the block cannot be added to <paramref name="config"/> as it stands; null when it can.</summary>
    private static ConfigException? Clash(ConfigObject config, string block, string? name, ConfigLocation location)
    {
        if (!config.TryGet(block, out var existing))
        {
            return null;
        }

        return (name, existing) switch
        {
            (null, ConfigScalar scalar) => new ConfigException(location, $"block <{block}> clashes with the option '{block}' (value '{scalar.Value}') given before"),
            (null, _) or (_, ConfigObject) => null,
            (_, ConfigScalar) => new ConfigException(location, $"block <{block} {name}> clashes with the option '{block}' given before"),
            _ => new ConfigException(location, $"cannot add the named block <{block} {name}>: '{block}' is already a list (a repeated <{block}> block or option)"),
        };
    }

    /// <summary>
    /// The reference checks a block before the blocks inside it (it parses a block's lines when the block closes);
    /// so does this, when a mistake is found inside blocks whose own place is already wrong.
    /// </summary>
    private static ConfigException FirstInReferenceOrder(ConfigObject root, List<OpenBlock> open, ConfigException found)
    {
        for (var i = 0; i < open.Count; i++)
        {
            if (Clash(i == 0 ? root : open[i - 1].Content, open[i].Block, open[i].Name, open[i].Location) is { } earlier)
            {
                return earlier;
            }
        }

        return found;
    }

    /// <summary>The array under <paramref name="key"/>, turning a single earlier value into one.</summary>
    private static ConfigArray AsArray(ConfigObject config, string key, ConfigNode existing)
    {
        if (existing is ConfigArray array)
        {
            return array;
        }

        array = new ConfigArray(existing.Location);
        array.Items.Add(existing);
        config.Set(key, array);
        return array;
    }

    /// <summary>Perl's split /\s*=\s*|\s+/ into two (a here-document splits at its separator).</summary>
    private static (string Option, string? Value) Split(string text)
    {
        var separator = text.Contains(ConfigGeneralReader.HereDocSeparator, StringComparison.Ordinal)
            ? CgRegex.HereDocSplit().Match(text)
            : CgRegex.OptionSplit().Match(text);
        return separator.Success
            ? (text[..separator.Index], text[(separator.Index + separator.Length)..])
            : (text, null);
    }

    /// <summary>A value that starts and ends with a double quote loses those two quotes.</summary>
    private static string? Unquote(string? value)
    {
        if (!PerlText.IsTrue(value) || value![0] != '"' || value[^1] != '"')
        {
            return value;
        }

        var inner = value[1..];
        return inner.EndsWith('"') ? inner[..^1] : inner;
    }

    private static string? Unescape(string? value) => value is null ? null : CgRegex.Escaped().Replace(value, "$1");
}
