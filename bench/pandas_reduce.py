"""The reduction table as an analyst would write it in pandas (issue 6's comparison).

Reads the current and proposed establishments and the grades table, costs every post at its
grade's midpoint on the NJC spine with a flat 30% for on-costs, groups FTE and cost by job title
and grade, puts current beside proposed and writes the table to a new workbook.

    python3 bench/pandas_reduce.py IN.xlsx OUT.xlsx

Needs Debian's python3-pandas and python3-openpyxl.
"""

import sys

import pandas as pd

# NJC national pay spine 2025/26, £ a year by SCP (src/core/data/njc-pay-spine.json; 13 and
# 32-37 are not known).
SPINE_2025 = {
    2: 24413, 3: 24796, 4: 25185, 5: 25583, 6: 25989, 7: 26403, 8: 26824, 9: 27254, 10: 27694,
    11: 28142, 12: 28598, 14: 29540, 15: 30024, 16: 30518, 17: 31022, 18: 31537, 19: 32061,
    20: 32597, 21: 33143, 22: 33699, 23: 34434, 24: 35412, 25: 36363, 26: 37280, 27: 38220,
    28: 39152, 29: 39862, 30: 40777, 31: 41771, 38: 49282, 39: 50269, 40: 51356, 41: 52413,
    42: 53460, 43: 54495,
}
ON_COSTS = 1.3


def grade_salaries(grades: pd.DataFrame) -> pd.DataFrame:
    bounds = grades["SCP range"].astype(str).str.extract(r"(\d+)\s*-\s*(\d+)").astype(float)
    midpoint = ((bounds[0] + bounds[1]) / 2).round()
    return pd.DataFrame({"Grade": grades["Grade"], "Salary": midpoint.map(SPINE_2025)})


def by_title_and_grade(posts: pd.DataFrame, salaries: pd.DataFrame) -> pd.DataFrame:
    posts = posts.dropna(subset=["Job title"]).copy()
    posts["FTE"] = pd.to_numeric(posts["FTE"], errors="coerce").fillna(0)
    posts = posts.merge(salaries, on="Grade", how="left")
    posts["Cost"] = posts["FTE"] * posts["Salary"].fillna(0) * ON_COSTS
    return posts.groupby(["Job title", "Grade"], as_index=False)[["FTE", "Cost"]].sum()


def main(source: str, target: str) -> None:
    current = pd.read_excel(source, sheet_name="Current", engine="openpyxl")
    proposed = pd.read_excel(source, sheet_name="Proposed", engine="openpyxl")
    salaries = grade_salaries(pd.read_excel(source, sheet_name="Grades", engine="openpyxl"))
    table = by_title_and_grade(current, salaries).merge(
        by_title_and_grade(proposed, salaries),
        on=["Job title", "Grade"],
        how="outer",
        suffixes=(" current", " proposed"),
    ).fillna(0)
    table["FTE change"] = table["FTE proposed"] - table["FTE current"]
    table["Saving"] = table["Cost current"] - table["Cost proposed"]
    table = table.sort_values(["Job title", "Grade"])
    table.to_excel(target, sheet_name="Reduction table", index=False, engine="openpyxl")
    print(f"{len(table)} rows, saving £{table['Saving'].sum():,.0f}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: pandas_reduce.py IN.xlsx OUT.xlsx")
    main(sys.argv[1], sys.argv[2])
