"""The accuracy and speed benchmarks: comparisons, floors and an end-to-end run."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import vanban
from vanban.models import (
    Agency,
    Citation,
    DocNumber,
    DocType,
    Document,
    Duty,
    Recipient,
    Signer,
    Source,
)

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import accuracy  # noqa: E402
import accuracy_fields as fields  # noqa: E402
import accuracy_floors as floors  # noqa: E402
import accuracy_structured as structured  # noqa: E402
import speed  # noqa: E402

from .conftest import shared_dir  # noqa: E402

SHARED = shared_dir()
CORPUS = SHARED / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="no ../shared corpus")


# --------------------------------------------------------------------------- comparisons


@pytest.mark.parametrize(
    ("expected", "got", "verdict"),
    [
        ("05/2025/TT-BCT", " 05/2025/ TT-BCT ", (True, True)),
        ("123/QĐ-UBND", "123/QD-UBND", (False, True)),
        ("123/QĐ-UBND", "123/qđ-ubnd", (False, True)),
        ("102/2017/NÐ-CP", "102/2017/NĐ-CP", (False, True)),  # Icelandic Ð in the label
        ("2680/UBND-KGVX", "2680/UBND–KGVX", (False, True)),
        ("05/2025/TT-BCT", "05/2026/TT-BCT", (False, False)),
        ("/UBND-NC", "/UBND-NC", (True, True)),
    ],
)
def test_number(expected: str, got: str, verdict: tuple[bool, bool]) -> None:
    assert fields.compare("number", expected, got) == verdict


def test_missing_value_is_wrong_on_every_field() -> None:
    for name in fields.FIELDS:
        assert fields.compare(name, "x" if name != "distribution_count" else 1, None) == (
            False,
            False,
        )


def test_doc_type_is_case_insensitive() -> None:
    assert fields.compare("doc_type", "Quyết định", "QUYẾT ĐỊNH") == (True, True)
    assert fields.compare("doc_type", "Quyết định", "Nghị quyết") == (False, False)


@pytest.mark.parametrize(
    ("expected", "got", "verdict"),
    [
        ("Về việc tăng cường công tác PCCC.", "V/v tăng cường  công tác PCCC", (True, True)),
        (
            "bãi bỏ một số nghị định của Chính phủ",
            "BÃI BỎ MỘT SỐ NGHỊ ĐỊNH CỦA CHÍNH PHỦ",
            (True, True),
        ),
        # a shortened label: 10 of 11 tokens → F1 ≈ 0.95
        (
            "Quy định chi tiết một số điều của Luật Đất đai về giá",
            "Quy định chi tiết một số điều của Luật Đất đai về giá đất",
            (False, True),
        ),
        ("Quy định về thuế", "Hướng dẫn về phí và lệ phí", (False, False)),
    ],
)
def test_subject(expected: str, got: str, verdict: tuple[bool, bool]) -> None:
    assert fields.compare("subject", expected, got) == verdict


def test_token_f1() -> None:
    assert fields.token_f1("a b c d", "a b c d") == 1.0
    assert fields.token_f1("a b", "c d") == 0.0
    assert fields.token_f1("a b c d", "a b") == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_agency_matches_name_or_raw_and_accents_only_leniently() -> None:
    got = ["Ủy ban nhân dân tỉnh Lâm Đồng", "UBND TỈNH LÂM ĐỒNG"]
    assert fields.compare("issuer", "UBND tỉnh Lâm Đồng", got) == (True, True)
    assert fields.compare("issuer", "Uỷ ban nhân dân tỉnh Lâm Đồng", got) == (False, True)
    assert fields.compare("issuer", "Sở Nội vụ", got) == (False, False)


def test_recipients_order_counts_strictly_only() -> None:
    expected = ["Sở Nội vụ", "Sở Tài chính"]
    in_order = [["Sở Nội vụ"], ["Sở Tài chính", "STC"]]
    assert fields.compare("recipients", expected, in_order) == (True, True)
    assert fields.compare("recipients", expected, in_order[::-1]) == (False, True)
    assert fields.compare("recipients", expected, in_order[:1]) == (False, False)


def test_signer_and_distribution() -> None:
    assert fields.compare("signer.authority", ["KT."], ["KT."]) == (True, True)
    assert fields.compare("signer.authority", ["KT."], ["kt"]) == (False, True)
    assert fields.compare("signer.authority", ["TL.", "KT."], ["KT."]) == (False, False)
    assert fields.compare("signer.position", "PHÓ CHỦ TỊCH", "Phó Chủ tịch") == (True, True)
    assert fields.compare("distribution_count", 5, 4) == (False, True)
    assert fields.compare("distribution_count", 5, 3) == (False, False)


def test_actual_reads_the_document() -> None:
    doc = Document(
        source=Source(format="text"),
        doc_type=DocType(name="Quyết định", code="QĐ"),
        number=DocNumber(raw="12/QĐ-UBND"),
        issued_date=dt.date(2025, 3, 1),
        issuer=Agency(raw="UBND TỈNH LÂM ĐỒNG", name="Ủy ban nhân dân tỉnh Lâm Đồng"),
        recipients=[Agency(raw="Sở Nội vụ")],
        signer=Signer(authority=["TM.", "KT."], position="PHÓ CHỦ TỊCH", name="Nguyễn Văn A"),
        distribution=[Recipient(raw="Như trên"), Recipient(raw="Sở Tài chính")],
        archive="VT, NC.",
    )
    assert fields.actual(doc, "number") == "12/QĐ-UBND"
    assert fields.actual(doc, "doc_type") == "Quyết định"
    assert fields.actual(doc, "issued_date") == "2025-03-01"
    assert fields.actual(doc, "issuer") == ["Ủy ban nhân dân tỉnh Lâm Đồng", "UBND TỈNH LÂM ĐỒNG"]
    assert fields.actual(doc, "recipients") == [["Sở Nội vụ"]]
    assert fields.actual(doc, "signer.authority") == ["TM.", "KT."]
    assert fields.actual(doc, "signer.on_behalf_of") is None
    # the label counts the "Lưu" line, which the schema keeps in ``archive``
    assert fields.actual(doc, "distribution_count") == 3
    empty = Document(source=Source(format="text"))
    assert all(fields.actual(empty, name) is None for name in fields.FIELDS)


def test_hand_labels_flatten_and_mark_absent() -> None:
    row: dict[str, Any] = {
        "file": "x.docx",
        "doc_type": "Công văn",
        "number": "/UBND-NC",
        "issued_date": None,
        "recipients": [],
        "signer": {"authority": [], "on_behalf_of": "CHỦ TỊCH", "position": "PCT", "name": "A"},
        "distribution_count": 0,
    }
    labels = accuracy._hand_labels(row)
    assert labels["number"] == "/UBND-NC"
    assert labels["signer.on_behalf_of"] == "CHỦ TỊCH"
    assert labels["issued_date"] is None
    assert labels["recipients"] is None
    assert labels["signer.authority"] is None
    assert labels["distribution_count"] is None


# --------------------------------------------------------------------------- evaluation


def _case(**labels: object) -> accuracy.Case:
    return accuracy.Case("t", "doc.txt", dict(labels), text="Số: 1/QĐ-UBND")


def test_evaluate_counts_crashes_and_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    result = accuracy.DatasetResult("t")

    def crash(text: str) -> Document:
        raise RuntimeError("boom")

    monkeypatch.setattr(vanban, "parse_text", crash)
    accuracy.evaluate(_case(number="1/QĐ-UBND"), result)
    assert result.crashes[0][0] == "doc.txt"
    assert "RuntimeError: boom" in result.crashes[0][1]

    def unreadable(path: Path) -> Document:
        raise vanban.CorruptDocument("bad pdf")

    monkeypatch.setattr(vanban, "parse", unreadable)
    accuracy.evaluate(accuracy.Case("t", "a.pdf", {"number": "2/UBND"}, path=Path("a.pdf")), result)
    assert result.unreadable == {"pdf": 1}
    assert (result.docs, result.parsed) == (2, 0)
    stats = result.stats()["number"]
    assert (stats["n"], stats["correct"], stats["accuracy"]) == (2, 0, 0.0)


def test_stats_count_spurious_values_where_the_label_says_none() -> None:
    result = accuracy.DatasetResult("t")
    case = _case()
    result.outcomes = [
        accuracy.Outcome(case, "place", "Lâm Đồng", "Lâm Đồng", True, True),
        accuracy.Outcome(case, "place", "Hà Nội", "Ha Noi", False, True),
        accuracy.Outcome(case, "place", None, "Đà Lạt", False, False),
        accuracy.Outcome(case, "place", None, None, False, False),
    ]
    s = result.stats()["place"]
    assert (s["n"], s["correct"], s["lenient_correct"]) == (2, 1, 2)
    assert (s["accuracy"], s["lenient"], s["absent"], s["spurious"]) == (0.5, 1.0, 2, 1)
    table = accuracy.table(result)
    assert "| place | 2 | 1 | 0.500 | 1.000 | 2 | 1 |" in table


def test_show_errors_prints_expected_got_and_where_it_is() -> None:
    case = accuracy.Case("t", "doc.txt", {}, text="UBND\nSố: 12/QĐ-UBND\nHà Nội")
    result = accuracy.DatasetResult("t")
    result.outcomes = [
        accuracy.Outcome(case, "number", "12/QĐ-UBND", None, False, False, ["number.missing: x"]),
        accuracy.Outcome(case, "number", "9/QĐ-UBND", "9/QĐ-UBND", True, True),
    ]
    out = accuracy.show_errors([result], "number", limit=5)
    assert "2 labelled; mismatches: missing 1" in out
    assert "expected: '12/QĐ-UBND'" in out
    assert "issue:    number.missing: x" in out
    assert "L2: Số: 12/QĐ-UBND" in out
    assert "9/QĐ-UBND" not in out


def test_show_errors_lists_missing_first_and_filters_kinds() -> None:
    case = accuracy.Case("t", "doc.txt", {}, text="")
    result = accuracy.DatasetResult("t")
    result.outcomes = [
        accuracy.Outcome(case, "place", None, "Đà Lạt", False, False),
        accuracy.Outcome(case, "place", "Hà Nội", "Huế", False, False),
        accuracy.Outcome(case, "place", "Lâm Đồng", None, False, False),
    ]
    out = accuracy.show_errors([result], "place", limit=5, with_text=False)
    assert out.index("[missing]") < out.index("[wrong]") < out.index("[spurious]")
    only = accuracy.show_errors([result], "place", limit=5, kinds_shown=("wrong",))
    assert "[wrong]" in only and "[missing]" not in only and "[spurious]" not in only


# --------------------------------------------------------------------------- floors

BASE: dict[str, Any] = {
    "tolerance": 0.01,
    "datasets": {"vbpl": {"digest": "abc", "floors": {"number": {"accuracy": 0.9}}}},
}


def _measured(value: float, digest: str = "abc") -> floors.Measured:
    return {"vbpl": {"digest": digest, "docs": 3, "fields": {"number": {"accuracy": value}}}}


def test_check_flags_regressions_beyond_the_tolerance_only() -> None:
    assert floors.check(BASE, _measured(0.95)) == []
    assert floors.check(BASE, _measured(0.895)) == []
    problems = floors.check(BASE, _measured(0.85))
    assert len(problems) == 1 and "vbpl.number.accuracy" in problems[0]
    assert "digest" in floors.check(BASE, _measured(0.95, digest="other"))[0]
    missing = {"vbpl": {"digest": "abc", "fields": {}}}
    assert "not measured" in floors.check(BASE, missing)[0]
    assert floors.check(BASE, {}) == []  # dataset not run: nothing to compare
    crashed: dict[str, Any] = _measured(0.95)
    crashed["vbpl"]["crashes"] = [["doc.html", "KeyError: 'x' (header.py:12)"]]
    assert floors.check(BASE, crashed) == ["vbpl: 1 document(s) crashed the parser"]


def test_update_raises_floors_and_reports_lowering() -> None:
    new, changes, lowered = floors.update(BASE, _measured(0.9567))
    assert new["datasets"]["vbpl"]["floors"]["number"]["accuracy"] == 0.956
    assert changes == ["vbpl.number.accuracy: 0.9 → 0.956"] and lowered == []
    assert BASE["datasets"]["vbpl"]["floors"]["number"]["accuracy"] == 0.9  # not mutated
    _, _, lowered = floors.update(BASE, _measured(0.5))
    assert lowered == ["vbpl.number.accuracy: 0.9 → 0.5"]
    assert floors.pin(0.9999) == 0.999 and floors.pin(0.5) == 0.5


def test_update_baseline_refuses_to_lower_without_the_flag(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(BASE), "utf-8")
    args = argparse.Namespace(baseline=path, allow_lower=False)
    assert accuracy._update(args, BASE, _measured(0.5)) == 1
    assert json.loads(path.read_text("utf-8")) == BASE
    args.allow_lower = True
    assert accuracy._update(args, BASE, _measured(0.5)) == 0
    assert json.loads(path.read_text("utf-8"))["datasets"]["vbpl"]["floors"]["number"] == {
        "accuracy": 0.5
    }


def test_the_pinned_baseline_is_well_formed() -> None:
    baseline = json.loads((BENCH / "baseline.json").read_text("utf-8"))
    assert 0 <= baseline["tolerance"] < 0.05
    assert set(baseline["datasets"]) <= set(accuracy.DATASETS)
    for entry in baseline["datasets"].values():
        assert len(entry["digest"]) == 64
        for name, metrics in entry["floors"].items():
            assert name in fields.FIELDS + structured.STRUCTURED_FIELDS
            assert set(metrics) <= set(floors.METRICS)
            assert all(0 <= v <= 1 for v in metrics.values())


def _cite(number: str | None, refers_to: int | None = None, **kw: object) -> Citation:
    return Citation(
        raw=number or "x",
        span=(0, 1),
        number=DocNumber(raw=number) if number else None,
        refers_to=refers_to,
        **kw,  # type: ignore[arg-type]
    )


def test_citation_f1_counts_a_repeated_document_once_and_its_mentions() -> None:
    nd = DocType(name="Nghị định", code="NĐ")
    label: list[dict[str, Any]] = [
        {
            "doc_type": "Nghị định",
            "number": "126/2024/NĐ-CP",
            "issued_date": "2024-10-08",
            "issuer": "Chính phủ",
            "mentions": 2,
            "name": None,
        },
        {
            "doc_type": "Luật",
            "number": None,
            "issued_date": None,
            "issuer": None,
            "mentions": 1,
            "name": "Luật Công chứng",
        },
    ]
    cp = Agency(raw="Chính phủ", name="Chính phủ")
    full = _cite("126/2024/NĐ-CP", doc_type=nd, issued_date=dt.date(2024, 10, 8), issuer=cp)
    again = _cite("126/2024/NĐ-CP", refers_to=0, doc_type=nd)
    repeated = _cite("126/2024/NĐ-CP", doc_type=nd, issued_date=dt.date(2024, 10, 8), issuer=cp)
    tallies = structured.new_tallies()
    structured.score_citations(label, [full, again, repeated], tallies)
    stats = tallies["citations"].stats()
    # one hit; the law by name is missed; the second chain of the same decree is spurious
    assert (stats["correct"], stats["n"], stats["spurious"]) == (1, 2, 1)
    assert stats["accuracy"] == 0.5
    assert tallies["citation_mentions"].stats()["accuracy"] == 1.0


def test_duty_agency_f1_pairs_duties_by_label_and_matches_raw_or_name() -> None:
    label = [
        {
            "label": "1.",
            "agencies": ["Sở Nội vụ", "UBND các xã"],
            "lead": ["Sở Nội vụ"],
            "partners": [],
            "deadline": None,
            "tasks": 1,
        },
        {
            "label": "2.",
            "agencies": ["Sở Tài chính"],
            "lead": [],
            "partners": [],
            "deadline": None,
            "tasks": 1,
        },
    ]
    snv = Agency(raw="Sở Nội vụ", name="Sở Nội vụ tỉnh Lâm Đồng")
    xa = Agency(raw="UBND các xã", name="Ủy ban nhân dân các xã")
    stc = Agency(raw="Sở TC", name="Sở Tài chính tỉnh Lâm Đồng")
    parsed = [
        Duty(label="2.", agencies=[stc]),
        Duty(label="1.", agencies=[snv, xa, Agency(raw="Hội đã")], lead=[snv]),
    ]
    tallies = structured.new_tallies()
    structured.score_duties(label, parsed, tallies)
    agencies = tallies["duty_agencies"].stats()
    # "Sở Tài chính" is neither the raw "Sở TC" nor the canonical name: a miss and a false positive
    assert (agencies["correct"], agencies["n"], agencies["spurious"]) == (2, 3, 2)
    assert tallies["duty_lead"].stats()["accuracy"] == 1.0


def _duty(label: str | None, *agencies: str) -> dict[str, Any]:
    return {
        "label": label,
        "agencies": list(agencies),
        "lead": [],
        "partners": [],
        "deadline": None,
        "tasks": 1,
    }


def test_a_repeated_label_pairs_with_the_duty_that_shares_its_agencies() -> None:
    """Under items 1 and 2 a "b)" each: the first labelled "b)" (missed by the parser) does
    not take the parsed "b)" that the second one names."""
    label = [_duty("b)", "Chi cục Hải quan cửa khẩu"), _duty("b)", "Chi cục Hải quan nơi lưu giữ")]
    parsed = [Duty(label="b)", agencies=[Agency(raw="Chi cục Hải quan nơi lưu giữ")])]
    assert structured._pair_duties(label, parsed) == [(1, 0)]
    tallies = structured.new_tallies()
    structured.score_duties(label, parsed, tallies)
    agencies = tallies["duty_agencies"].stats()
    assert (agencies["correct"], agencies["n"], agencies["spurious"]) == (1, 2, 0)
    # with no agency in common, the first labelled duty of that label still takes it
    other = [Duty(label="b)", agencies=[Agency(raw="Cục Hải quan")])]
    assert structured._pair_duties(label, other) == [(0, 0)]
    # an unlabelled duty pairs only with one that shares an agency
    assert structured._pair_duties([_duty(None, "Sở Nội vụ")], other) == []


# --------------------------------------------------------------------------- runs


def test_without_corpus_both_benchmarks_exit_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VANBAN_SHARED", str(tmp_path))
    assert accuracy.main(["--check"]) == 0
    assert speed.main([]) == 0
    assert capsys.readouterr().out.count("corpus not found") == 2


def test_speed_floor_and_measure_on_small_texts() -> None:
    text = "Số: 12/QĐ-UBND\nHà Nội, ngày 5 tháng 3 năm 2025\nĐiều 1. Xxx\nNơi nhận:\n"
    assert speed.floor_pass([text]) >= 5
    m = speed.measure([text] * 3, repeat=2)
    assert m["docs"] == 3 and m["ratio"] > 0 and m["ratio_re"] > 0 and m["peak_rss_mb"] > 0
    assert speed.re_floor_pass([text]) == speed.floor_pass([text])  # same passes, same hits
    assert m["small"]["docs"] == 3 and m["cold"]["cli"] > m["cold"]["start_up"] > 0
    report = speed.report(m)
    assert "parse_text / `re` floor" in report and "cold start" in report


@needs_corpus
def test_accuracy_end_to_end_on_a_few_corpus_rows(tmp_path: Path) -> None:
    result = accuracy.run_dataset(CORPUS, "vbpl", max_docs=20)
    assert result.docs == 20 and len(result.digest or "") == 64
    stats = result.stats()
    assert stats["number"]["n"] == 20 and stats["number"]["accuracy"] is not None
    assert "| number | 20 |" in accuracy.table(result)
    out = tmp_path / "acc.json"
    assert accuracy.main(["--dataset", "tvpl", "--max-docs", "5", "--json", str(out)]) == 0
    numbers = json.loads(out.read_text("utf-8"))
    assert numbers["tvpl"]["docs"] == 5 and "doc_type" in numbers["tvpl"]["fields"]
    assert accuracy.main(["--max-docs", "5", "--check"]) == 2  # floors need the whole corpus
