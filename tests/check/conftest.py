"""The conformant công văn template the rule examples are put into."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

DEFAULTS = {
    "motto": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "tieu_ngu": "Độc lập - Tự do - Hạnh phúc",
    "number": "Số: 05/UBND-VX",
    "date": "Lâm Đồng, ngày 05 tháng 01 năm 2026",
    "heading": "",
    "subject": "V/v triển khai công tác chuyển đổi số năm 2026",
    "kinh_gui": "Kính gửi:\n- Sở Nội vụ;\n- Sở Khoa học và Công nghệ.",
    "noi_nhan": "Nơi nhận:",
    "luu": "- Lưu: VT, VX.",
    "authority": "KT. CHỦ TỊCH",
    "position": "PHÓ CHỦ TỊCH",
    "name": "Nguyễn Văn An",
}


def render(slots: dict[str, str]) -> str:
    """The template with ``slots`` over the defaults; a slot left empty drops its line."""
    values = {**DEFAULTS, **slots}
    out = []
    for line in (HERE / "template.txt").read_text("utf-8").split("\n"):
        if line.startswith("{") and line.endswith("}"):
            value = values[line[1:-1]]
            if value:
                out.append(value)
        else:
            out.append(line)
    return "\n".join(out)
