"""Write a small committed database at the current schema head, for upgrade tests.

Run once per schema version, when a new migration is added, BEFORE changing the models:
    uv run python tests/migrations/make_fixture.py
The file is named after the revision (data/<rev>.sqlite3) and is committed; tests then upgrade a
copy of every such file to the newest schema and check the rows survived.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.schema import SCHEMA_HEAD

# Plain SQL so that the fixture keeps describing this revision even after the models change.
ROWS = """
INSERT INTO operator (id, uid, created_at, updated_at, name, kind, representative, phone)
VALUES (1, '00000000-0000-4000-8000-000000000001', '2020-01-02 00:00:00', '2020-01-02 00:00:00',
        '노촌마을협의회', 'village', '김영수', '010-2345-6789');
INSERT INTO owner (id, uid, created_at, updated_at, name, address)
VALUES (1, '00000000-0000-4000-8000-000000000002', '2020-01-02 00:00:00', '2020-01-02 00:00:00',
        '박순자', '전북특별자치도 진안군 백운면 노촌리 312');
INSERT INTO house (id, uid, created_at, updated_at, code, sido, sigun, eupmyeon, ri, jibun,
                   development_type, program_year, structure, rooms, build_year,
                   land_area_m2, floor_area_m2, monthly_rent, deposit, operator_id)
VALUES (1, '00000000-0000-4000-8000-000000000003', '2020-01-02 00:00:00', '2020-01-02 00:00:00',
        '진안-2020-01', '전북특별자치도', '진안군', '백운면', '노촌리', '312',
        'repair', 2020, '목조', 3, 1982, 495.00, 66.12, 100000, 500000, 1);
INSERT INTO lease (id, uid, created_at, updated_at, house_id, owner_id, kind, start_on, end_on)
VALUES (1, '00000000-0000-4000-8000-000000000004', '2020-01-02 00:00:00', '2020-01-02 00:00:00',
        1, 1, 'lease', '2020-03-01', '2027-02-28');
INSERT INTO development (id, uid, created_at, updated_at, house_id, year, budget_national,
                         budget_province, budget_county, budget_own, started_on,
                         planned_completion_on, completed_on, progress_pct)
VALUES (1, '00000000-0000-4000-8000-000000000005', '2020-01-02 00:00:00', '2020-01-02 00:00:00',
        1, 2020, 15000000, 4500000, 10500000, 0, '2020-04-06', '2020-07-31', '2020-07-24', 100);
INSERT INTO resident (id, uid, created_at, updated_at, name, birth_date, phone, education_hours,
                      settlement, moved_in_registered, farm_registered)
VALUES (1, '00000000-0000-4000-8000-000000000006', '2020-09-01 00:00:00', '2020-09-01 00:00:00',
        '이정훈', '1978-05-14', '010-9876-5432', 120, 'settled', 1, 1);
INSERT INTO stay (id, uid, created_at, updated_at, house_id, resident_id, move_in_on,
                  planned_end_on, household_size, monthly_rent, deposit_amount)
VALUES (1, '00000000-0000-4000-8000-000000000007', '2020-09-01 00:00:00', '2020-09-01 00:00:00',
        1, 1, '2020-09-01', '2021-08-31', 3, 100000, 500000);
INSERT INTO payment (id, uid, created_at, updated_at, stay_id, month, amount, paid_on)
VALUES (1, '00000000-0000-4000-8000-000000000008', '2020-09-05 00:00:00', '2020-09-05 00:00:00',
        1, '2020-09-01', 100000, '2020-09-05');
"""


def main() -> int:
    out = Path(__file__).parent / "data" / f"{SCHEMA_HEAD}.sqlite3"
    with tempfile.TemporaryDirectory() as tmp:
        with open_database(Path(tmp)) as db:
            db_path = db.folder.db_path
        conn = sqlite3.connect(db_path)
        conn.executescript(ROWS)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        out.write_bytes(db_path.read_bytes())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
