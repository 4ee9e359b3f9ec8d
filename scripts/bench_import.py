"""Import benchmark: generates the four CSV files, imports them, prints time and peak memory.

    python scripts/bench_import.py                    # 100,000 orders, 300,000 lines, SQLite
    python scripts/bench_import.py --orders 10000     # smaller
    python scripts/bench_import.py --db postgresql+psycopg://user:pw@host/db   # an empty database
    python scripts/bench_import.py --again            # also time re-running the same import

Target: 100,000 orders with 300,000 lines in under 2 minutes, memory under 500 MB.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from salescenter import SalesCenter  # noqa: E402
from salescenter.services.transfer.formats import COLUMNS  # noqa: E402

STATUSES = ("shipped", "shipped", "shipped", "canceled", "released", "pending_payment_authorization")
CITIES = (
    ("Montréal", "QC", "CA"), ("Boston", "MA", "US"), ("Zürich", "ZH", "CH"), ("Springfield", "IL", "US"),
)


def generate(folder: Path, orders: int, lines_per_order: int, customers: int, products: int) -> None:
    rng = random.Random(7)
    start = datetime(2019, 1, 1)

    def writer(name: str) -> tuple[Any, Any]:
        out = (folder / name).open("w", encoding="utf-8", newline="")
        w = csv.writer(out)
        w.writerow(COLUMNS[name])
        return out, w

    out, w = writer("customers.csv")
    for n in range(customers):
        city, region, country = CITIES[n % len(CITIES)]
        w.writerow([f"C{n:07d}", f"Zoë{n}", f"O'Brien, \"{n}\"", "" if n % 3 else f"Firm {n}",
                    f"c{n}@example.com", f"555-{n % 1000:03d}-{n % 10000:04d}", f"{n} Rue de l'Église",
                    "", city, region, f"0{n % 10000:04d}", country])
    out.close()
    out, w = writer("products.csv")
    prices = []
    for n in range(products):
        price = f"{rng.randint(100, 50000) / 100:.2f}"
        prices.append(price)
        w.writerow([f"SKU-{n:05d}", f"Product {n}", f"Line one\nLine two, {n}", price, 100, "true"])
    out.close()
    out, w = writer("orders.csv")
    lines_out, lw = writer("order_lines.csv")
    for n in range(orders):
        created = start + timedelta(minutes=n * 7)
        status = STATUSES[n % len(STATUSES)]
        shipped = (created + timedelta(days=2)).isoformat() if status == "shipped" else ""
        city, region, country = CITIES[n % len(CITIES)]
        w.writerow([f"OLD-{n:08d}", "US", f"C{rng.randrange(customers):07d}", created.isoformat(), status,
                    "Zoë Example", f"{n} Main Street", "", city, region, f"0{n % 10000:04d}", country,
                    "standard", "7.95", shipped, ""])
        for _ in range(lines_per_order):
            k = rng.randrange(products)
            lw.writerow([f"OLD-{n:08d}", f"SKU-{k:05d}", rng.randint(1, 5), prices[k],
                         rng.choice(("", "0", "10", "12.5"))])
    out.close()
    lines_out.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--lines-per-order", type=int, default=3)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--products", type=int, default=2_000)
    parser.add_argument("--db", help="an empty database (default: a new SQLite file)")
    parser.add_argument("--again", action="store_true", help="also time re-running the same import")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sc-bench-") as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        generate(folder, args.orders, args.lines_per_order, args.customers, args.products)
        size = sum(p.stat().st_size for p in folder.glob("*.csv"))
        print(f"generated {args.orders:,} orders, {args.orders * args.lines_per_order:,} lines, "
              f"{args.customers:,} customers, {args.products:,} products: {size / 1e6:.1f} MB "
              f"in {time.perf_counter() - began:.1f} s")
        center = SalesCenter.open(args.db or f"sqlite:///{folder / 'bench.db'}")
        center.create_user("admin", "bench-password", role="admin")
        desk = center.login("admin", "bench-password")
        desk.stores.create("US", "Sales Center US", tax_rate="0.0825")
        runs = ["first import"] + (["same import again"] if args.again else [])
        for label in runs:
            began, cpu = time.perf_counter(), time.process_time()
            summary = desk.transfer.import_dir(folder)
            took, cpu = time.perf_counter() - began, time.process_time() - cpu
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{label}: {took:.1f} s ({cpu:.1f} s CPU) on {center.dialect}, peak RSS {peak_mb:.0f} MB "
                  f"(rows read {summary.rows_read:,}, imported {summary.imported:,}, "
                  f"updated {summary.updated:,}, unchanged {summary.unchanged:,}, "
                  f"rejected {summary.rejected:,})")
            for rejection in summary.rejections[:5]:
                print(f"  rejected: {rejection}")
        center.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
