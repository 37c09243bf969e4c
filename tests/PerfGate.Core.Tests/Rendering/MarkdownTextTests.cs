using PerfGate.Core.Rendering;

namespace PerfGate.Core.Tests.Rendering;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("Foo.Bar", "Foo.Bar")]
    [InlineData("a|b", @"a\|b")]
    [InlineData("x `code` y", @"x \`code\` y")]
    [InlineData("List<int>", "List&lt;int&gt;")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("&lt;", "&amp;lt;")]
    [InlineData("*bold* _it_", @"\*bold\* \_it\_")]
    [InlineData("[link](http://x)", @"\[link\](http://x)")]
    [InlineData("line1\nline2", "line1 line2")]
    [InlineData("line1\r\nline2\rline3", "line1 line2 line3")]
    [InlineData(@"back\slash", @"back\\slash")]
    [InlineData(@"trailing\", @"trailing\\")]
    [InlineData("", "")]
    public void Escape_makes_text_literal(string input, string expected) =>
        MarkdownText.Escape(input).ShouldBe(expected);

    [Fact]
    public void Escape_of_null_is_empty() => MarkdownText.Escape(null).ShouldBe(string.Empty);

    [Fact]
    public void Escaped_text_never_contains_an_unescaped_pipe_or_a_newline()
    {
        var escaped = MarkdownText.Escape("a|b\n|c\\|d");
        escaped.ShouldNotContain("\n");
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '|')
            {
                // Count the backslashes before it: an odd number means the pipe is escaped.
                var slashes = 0;
                for (var j = i - 1; j >= 0 && escaped[j] == '\\'; j--)
                {
                    slashes++;
                }

                (slashes % 2).ShouldBe(1, $"pipe at {i} in {escaped}");
            }
        }
    }

    [Theory]
    [InlineData("Foo.Bar", "`Foo.Bar`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`x", "`` `x ``")]
    [InlineData("a\nb", "`a b`")]
    public void Code_span_fence_outlasts_backticks_inside(string input, string expected) =>
        MarkdownText.Code(input).ShouldBe(expected);
}
