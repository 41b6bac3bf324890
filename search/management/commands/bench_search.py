"""Measure search latency against a plain list query on the same table (PostgreSQL).

Adds N synthetic index entries (fictional titles and bodies built from a word list) to the
townships that exist, runs a set of typical queries through `search.query.search` (count +
first page, as the results page does) and the newest-20 list of the same table as the
baseline, prints medians and the ratio, and rolls everything back.

    manage.py bench_search --rows 100000
"""

from __future__ import annotations

import datetime
import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from search.documents import Document
from search.indexing import vectors
from search.models import Kind, SearchEntry
from search.query import Filters, search
from townships.models import Township

SYLLABLES = "东西南北上下大小新石桥河湾岗坪塘山林溪柳桃李杨梅竹松青白黄龙凤"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"
def _words(text: str) -> list[str]:
    return text.split()


TERMS = _words("农村人居环境整治 最低生活保障 耕地地力保护补贴 一事一议 财政奖补 宅基地审批 "
         "防汛抗旱 森林防火 安全生产 秸秆禁烧 垃圾分类 高标准农田 乡村振兴 集体经济 "
         "危房改造 高龄津贴 残疾人 退役军人 医疗保险 养老保险 道路硬化 饮水安全 河道清淤 "
         "政府采购 行政许可 行政处罚 预算 决算 三公经费 招标 公示 通知 实施方案 工作总结 "
         "会议纪要 专项资金 项目建设 村务公开 网格员 疫情防控 土地流转 征收补偿")
FILLER = _words("根据 上级 部署 结合 本镇 实际 现将 有关 事项 通知 如下 各村 要 认真 落实 确保 "
          "按时 完成 任务 加强 组织 领导 明确 责任 分工 做好 宣传 工作 群众 满意 检查 "
          "督促 资金 发放 到户 标准 每人 每月 全年 累计 情况 说明 附件 联系 电话")
QUERIES = ["通知", "最低生活保障", "耕地地力保护补贴", "东岗村", "王秀兰", "镇", "低保",
           "2024年秸秆禁烧", "宅基地 审批", "青政发〔2024〕7号", "不存在的词语组合"]


def _village(rng):
    return rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + "村"


def _person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))


def _document(rng, n, township, today) -> Document:
    topic = rng.choice(TERMS)
    title = f"{township.name}关于{_village(rng)}{topic}{rng.choice(TERMS)}的{rng.choice(TERMS)}"
    sentences = []
    for _ in range(rng.randint(10, 60)):
        words = rng.choices(FILLER, k=rng.randint(4, 10))
        words.insert(rng.randint(0, len(words)), rng.choice((topic, *TERMS)))
        if rng.random() < 0.3:
            words.append(_village(rng))
        if rng.random() < 0.1:
            words.append(_person(rng))
        sentences.append("".join(words) + "。")
    published = today - datetime.timedelta(days=rng.randint(0, 3650))
    return Document(kind=Kind.ITEM, object_id=10_000_000 + n, township_id=township.pk,
                    title=title, url=f"/bench/{n}/", published_on=published,
                    doc_number=f"青政发〔{published.year}〕{n % 500 + 1}号" if n % 7 == 0 else "",
                    body="".join(sentences), validity="valid", disclosure_mode="proactive")


def _timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


class Command(BaseCommand):
    help = "测量站内搜索耗时（与同表最新20条列表查询相比），数据在结束时回滚。"

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=20000)
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument("--seed", type=int, default=13)
        parser.add_argument("--keep", action="store_true",
                            help="keep the synthetic entries (a scratch database only)")

    def handle(self, *args, rows, repeat, seed, keep, **options):
        if connection.vendor != "postgresql":
            raise CommandError("只在 PostgreSQL 上测量（SQLite 为开发用的简化实现）。")
        townships = list(Township.objects.active())
        if not townships:
            raise CommandError("没有乡镇：请先运行 seed_demo。")
        rng = random.Random(seed)
        today = datetime.date.today()  # noqa: DTZ011 - synthetic dates
        if rows:  # replace what an earlier --keep left; --rows 0 measures it again
            SearchEntry.objects.filter(object_id__gte=10_000_000).delete()
        with transaction.atomic():
            started = time.perf_counter()
            batch = []
            for n in range(rows):
                doc = _document(rng, n, rng.choice(townships), today)
                document, title_vector = vectors(doc)
                batch.append(SearchEntry(
                    kind=doc.kind, object_id=doc.object_id, township_id=doc.township_id,
                    title=doc.title, url=doc.url, doc_number=doc.doc_number,
                    content=doc.content, validity=doc.validity,
                    disclosure_mode=doc.disclosure_mode, published_on=doc.published_on,
                    year=doc.published_on.year, document=document, title_vector=title_vector))
                if len(batch) == 1000:
                    SearchEntry.objects.bulk_create(batch)
                    batch = []
            SearchEntry.objects.bulk_create(batch)
            self._report(started, rows, repeat)
            transaction.set_rollback(not keep)

    def _report(self, started, rows, repeat):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('search_searchentry'))")
            size = cursor.fetchone()[0]
        built = time.perf_counter() - started
        total = SearchEntry.objects.count()
        self.stdout.write(f"{total} entries ({rows} synthetic) in {built:.0f} s; "
                          f"table with indexes: {size}")
        baseline = _timed(lambda: list(SearchEntry.objects.filter(
            township__is_active=True).defer("document", "title_vector", "content")
            .order_by("-published_on", "-id")[:20]), repeat)
        self.stdout.write(f"baseline (newest 20 of the same table): {baseline:.1f} ms")
        medians = []
        for query in QUERIES:
            for sort in ("relevance", "date"):
                ms = _timed(lambda q=query, s=sort: search(q, filters=Filters(), sort=s),
                            repeat)
                found = search(query, filters=Filters(), sort=sort)
                medians.append(ms)
                self.stdout.write(f"{query!r:>24} {sort:9} {ms:8.1f} ms  "
                                  f"×{ms / baseline:6.1f}  hits {found.total}")
        self.stdout.write(f"median over queries: {statistics.median(medians):.1f} ms, "
                          f"×{statistics.median(medians) / baseline:.1f} the baseline")
