namespace Fathom.Core.Tests.Configuration;

/// <summary>Hand-written cases for the syntax corners of Config::General, each checked against the reference.</summary>
internal static class ReferenceCases
{
    public static IReadOnlyList<ReferenceCase> All { get; } =
    [
        ReferenceCase.Single("heredoc-basic", "msg <<EOF\nline one\n  line two\n\nEOF\nafter 1\n"),
        ReferenceCase.Single("heredoc-indented-end-marker", "msg <<EOF\n    a\n      b\n    c\n    EOF\n"),
        ReferenceCase.Single("heredoc-lines-less-indented-than-marker", "m <<EOT\n  x\n      y\n\tz\n    EOT\n"),
        ReferenceCase.Single("heredoc-quoted-markers", "m <<\"EOT\"\n  hi\nEOT\n\"EOT\"\nn = <<'E'\nx\n'E'\n"),
        ReferenceCase.Single("heredoc-keeps-comments-and-escapes", "m = <<END\n# not a comment\n/* nor this */\n  \\#x \\\\ y \\$z\nEND\n"),
        ReferenceCase.Single("heredoc-unterminated-is-dropped", "a 1\nm <<EOF\nx\ny\n"),
        ReferenceCase.Single("heredoc-name-with-spaces", "my key = <<EOF\n  first\n  second\nEOF\n"),
        ReferenceCase.Single("continuation-lines", "cmd = ssh -f \\\n   -l user \\\n   host\nnext value\n"),
        ReferenceCase.Single("continuation-escaped-backslash", "path = C:\\\\\nnext 1\nlast = x\\\n"),
        ReferenceCase.Single("continuation-with-comment", "a = one \\\n  two # comment\nb 2\n"),
        ReferenceCase.Single("escaped-hash", "color = \\#fff\nx = a \\# b # comment\ny = \\\\#z\n# full comment\n  # indented comment\n"),
        ReferenceCase.Single("key-value-separators", "a=1\nb = 2\nc   =   3\nd\t=\t4\ne 5 6\nf = = g\ng=h=i\n= nokey\n"),
        ReferenceCase.Single("quoted-values", "a \"hello world\"\nb = \"  padded  \"\nc = \"with \\\"inner\\\" quotes\"\nd = 'single quoted'\ne = \"unbalanced\nf = x\"\ng = \"\"\nh \"\n"),
        ReferenceCase.Single("empty-values", "a =\nb\nc = \"\"\nd =   \ne\t\n"),
        ReferenceCase.Single("repeated-keys", "host a\nhost b\nhost c\nother 1\n"),
        ReferenceCase.Single("repeated-named-blocks", "<collector ping>\n interval 10\n</collector>\n<collector ping>\n interval 20\n</collector>\n<collector snmp>\n x 1\n</collector>\n<collector ping>\n interval 30\n</collector>\n"),
        ReferenceCase.Single("repeated-blocks", "<db>\n a 1\n</db>\n<db>\n a 2\n</db>\n"),
        ReferenceCase.Single("nested-blocks-three-deep", "<a>\n <b x>\n  <c>\n   k v\n   <d>\n   </d>\n  </c>\n </b>\n</a>\n"),
        ReferenceCase.Single("named-block-forms", "<foo \"bar baz\">\n k 1\n</foo>\n<\"quoted block\">\n k 2\n</x>\n<plain name with spaces>\n k 3\n</plain>\n<trail x >\n k 4\n</trail>\n"),
        ReferenceCase.Single("block-then-named-block-merge", "<a>\n x 1\n</a>\n<a y>\n z 2\n</a>\n"),
        ReferenceCase.Single("mismatched-closing-tag-is-accepted", "<a>\n x 1\n</b>\nafter 2\n"),
        ReferenceCase.Single("empty-blocks", "<empty/>\n<empty2>\n</empty2>\n<named x/>\nurl <http://x/y>\n"),
        ReferenceCase.Single("case-of-names", "Key 1\nkey 2\nKEY 3\n<Block>\n a 1\n</Block>\n<block>\n a 2\n</BLOCK>\n"),
        ReferenceCase.Single("c-comments", "a 1 /* inline */\n/* start\n still comment\n end */ b 2\nc 3 /* x */ d /* y */\n/* whole */\ne 4\nf = 5 */ g\nh /*/ 6\n"),
        ReferenceCase.Single("c-comment-unclosed-drops-rest", "a 1\n/*\nb 2\n"),
        ReferenceCase.Single("utf8-values", "name = Grüße\nkëy = 日本語\n<blöck ünï>\n v ✓\n</blöck>\nemoji 😀\nnbsp a\u00A0b\n"),
        ReferenceCase.Single("bom-dropped", "\uFEFFfirst 1\nsecond 2\n"),
        ReferenceCase.Single("json-escapes", "tab = a\tb\nctl = x\u0001y\u001Fz\u007F\nquote = say \"hi\"\nback = c:\\\\dir\\n\nslash = a/b\n"),
        ReferenceCase.Single("key-order-is-byte-order", "b 1\nB 2\n_ 3\né 4\nZ 5\n😀 6\n\uFFFD 7\n10 8\n9 9\n"),
        ReferenceCase.Single("crlf-line-ends", "a 1\r\nb = 2\r\n<x>\r\nc 3\r\n</x>\r\nm <<EOF\r\ntext\r\nEOF\r\n"),
        ReferenceCase.Single("include-keyword-without-brackets-is-an-option", "include other.conf\nInclude = x\n"),
        ReferenceCase.Single("empty-file", ""),
        ReferenceCase.Single("zero-is-false-in-perl", "a 0\\\nb\n<block 0>\n v 0\n</block>\n"),
        new("include-glob-multiple-matches", new Dictionary<string, string>
        {
            [ReferenceCase.MainFile] = "<<include sub/*.conf>>\nafter yes\n",
            ["sub/b.conf"] = "v b\n",
            ["sub/a.conf"] = "v a\n",
            ["sub/C.conf"] = "v C\n",
            ["sub/_u.conf"] = "v _\n",
            ["sub/.hidden.conf"] = "v hidden\n",
            ["sub/skip.txt"] = "v txt\n",
        }),
        new("include-glob-braces", new Dictionary<string, string>
        {
            [ReferenceCase.MainFile] = "<<INCLUDE {z,a}*.inc>>\n",
            ["a1.inc"] = "v a1\n",
            ["a0.inc"] = "v a0\n",
            ["z.inc"] = "v z\n",
        }),
        new("include-nested-relative-to-including-file", new Dictionary<string, string>
        {
            [ReferenceCase.MainFile] = "top 1\n<<include conf/first.conf>>\n",
            ["conf/first.conf"] = "first 1\n<<include more/second.conf>>\n",
            ["conf/more/second.conf"] = "second 2\n<<include ../sibling.conf>>\n",
            ["conf/sibling.conf"] = "sibling 3\n",
        }),
        new("include-inside-block", new Dictionary<string, string>
        {
            [ReferenceCase.MainFile] = "<outer>\n  <<include inner.conf>>\n</outer>\n",
            ["inner.conf"] = "k v\n<deeper>\n x 1\n</deeper>\n",
        }),
        new("include-same-file-twice-is-read-once", new Dictionary<string, string>
        {
            [ReferenceCase.MainFile] = "<<include a.conf>>\n<<include ./a.conf>>\n<<include a.conf>>\n",
            ["a.conf"] = "k 1\n",
        }),
        new("include-block-closed-in-included-file", new Dictionary<string, string>
        {
            [ReferenceCase.MainFile] = "<outer>\n<<include closer.conf>>\n",
            ["closer.conf"] = "k 1\n</outer>\n",
        }),
        new("include-missing-glob-is-fine", new Dictionary<string, string>
        {
            [ReferenceCase.MainFile] = "<<include nothere/*.conf>>\na 1\n",
        }),
        new("include-missing-file", new Dictionary<string, string>
        {
            [ReferenceCase.MainFile] = "a 1\n<<include nothere.conf>>\n",
        }, (ReferenceCase.MainFile, 2)),
        new("include-missing-file-in-included-file", new Dictionary<string, string>
        {
            [ReferenceCase.MainFile] = "a 1\n<<include sub/inc.conf>>\n",
            ["sub/inc.conf"] = "b 2\n\n<<include gone.conf>>\n",
        }, ("sub/inc.conf", 3)),
        new("include-quoted-name-keeps-quotes", new Dictionary<string, string>
        {
            [ReferenceCase.MainFile] = "<<include \"x.conf\">>\n",
            ["x.conf"] = "k 1\n",
        }, (ReferenceCase.MainFile, 1)),
        new("include-directory", new Dictionary<string, string>
        {
            [ReferenceCase.MainFile] = "<<include sub>>\n",
            ["sub/x.conf"] = "k 1\n",
        }, (ReferenceCase.MainFile, 1)),
        ReferenceCase.Single("unclosed-block", "a 1\n<block>\n b 2\n", (ReferenceCase.MainFile, 2)),
        ReferenceCase.Single("unclosed-outer-block", "<a>\n <b>\n  x 1\n </b>\n\n", (ReferenceCase.MainFile, 1)),
        ReferenceCase.Single("stray-closing-tag", "a 1\n</block>\n", (ReferenceCase.MainFile, 2)),
        ReferenceCase.Single("stray-closing-tag-after-block", "<a>\n</a>\nx 1\n</a>\n", (ReferenceCase.MainFile, 4)),
        ReferenceCase.Single("block-after-scalar-option", "val 1\n<val>\n x 1\n</val>\n", (ReferenceCase.MainFile, 2)),
        ReferenceCase.Single("named-block-after-scalar-option", "val 1\n\n<val x>\n</val>\n", (ReferenceCase.MainFile, 3)),
        new("error-inside-included-file", new Dictionary<string, string>
        {
            [ReferenceCase.MainFile] = "a 1\n<<include inc.conf>>\nz 2\n",
            ["inc.conf"] = "x 1\n\n</foo>\n",
        }, ("inc.conf", 3)),
        new("unclosed-block-inside-included-file", new Dictionary<string, string>
        {
            [ReferenceCase.MainFile] = "<<include inc.conf>>\n",
            ["inc.conf"] = "# comment\n<foo bar>\n",
        }, ("inc.conf", 2)),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    public static ReferenceCase Get(string name) => All.Single(c => c.Name == name);
}
