using GilScan.Analysis.Diagnostics;
using GilScan.Rules.Dependencies;
using GilScan.Syntax;

namespace GilScan.Rules.Tests.Dependencies;

/// <summary>Which imports of a file count as imports of a dependency, and where they are.</summary>
public sealed class ImportSiteCollectorTests
{
    private static IReadOnlyList<ImportSite> Collect(string source)
    {
        var parsed = SyntaxTree.ParseText("app/module.py", source);
        parsed.Error.ShouldBeNull();
        return ImportSiteCollector.Collect("app/module.py", parsed.Tree!.Root);
    }

    private static (string Module, int Line, int Start16, int End16, int Start8, int End8, bool Guarded) Shape(ImportSite site) =>
        (site.Module, site.Location.Span.StartLine, site.Location.Span.StartColumnUtf16, site.Location.Span.EndColumnUtf16,
         site.Location.Span.StartColumnUtf8, site.Location.Span.EndColumnUtf8, site.IsGuarded);

    [Fact]
    public void Each_alias_of_an_import_is_a_site_at_the_alias()
    {
        var sites = Collect("import os, numpy.linalg as la\n");

        sites.Select(Shape).ShouldBe([
            ("os", 1, 7, 9, 7, 9, false),
            ("numpy.linalg", 1, 11, 29, 11, 29, false),
        ]);
        sites[1].TopLevel.ShouldBe("numpy");
        sites[1].Location.Path.ShouldBe("app/module.py");
    }

    [Fact]
    public void From_import_is_one_site_over_the_whole_statement()
    {
        var sites = Collect("from pandas.io import (\n    sql,\n    json,\n)\n");

        sites.ShouldHaveSingleItem();
        sites[0].Module.ShouldBe("pandas.io");
        sites[0].Location.Span.ShouldBe(new SourceSpan(1, 0, 0, 4, 1, 1));
    }

    [Fact]
    public void Relative_and_future_imports_are_not_dependencies()
    {
        Collect("from __future__ import annotations\nfrom . import images\nfrom .config import load\nfrom ..x import y\n").ShouldBeEmpty();
    }

    [Fact]
    public void Imports_for_type_checkers_only_are_skipped_but_their_else_branch_is_not()
    {
        var sites = Collect("""
            import typing
            from typing import TYPE_CHECKING
            if TYPE_CHECKING:
                import numpy.typing
            if typing.TYPE_CHECKING:
                from pandas import DataFrame
            else:
                import yaml
            """);

        sites.Select(s => s.Module).ShouldBe(["typing", "typing", "yaml"]);
    }

    [Fact]
    public void Imports_in_a_try_that_catches_import_errors_are_guarded()
    {
        var sites = Collect("""
            try:
                import orjson
            except ImportError:
                import json
            try:
                import ujson
            except (ValueError, ModuleNotFoundError):
                pass
            try:
                import simplejson
            except:
                pass
            try:
                import cv2
            except ValueError:
                pass
            def late():
                try:
                    from yaml import CLoader
                except Exception:
                    CLoader = None
            """);

        sites.Select(s => (s.Module, s.IsGuarded)).ShouldBe([
            ("orjson", true), ("json", false), ("ujson", true), ("simplejson", true), ("cv2", false), ("yaml", true),
        ]);
    }

    [Fact]
    public void Columns_count_utf16_units_and_utf8_bytes_separately()
    {
        var sites = Collect("données = 1; import yaml as y\n");

        sites.Select(Shape).ShouldBe([("yaml", 1, 20, 29, 21, 30, false)]);
    }
}
