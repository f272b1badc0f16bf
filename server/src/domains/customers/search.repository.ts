import { and, eq, gte, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import { customers } from './customers.tables';
import { escapeLike } from './search';

// Name and pinyin search for the list sorted by name (name_pinyin, id), on 1,000,000 customers.
//
// One WHERE clause over the whole table leaves the planner two plans, and each is slow for some
// terms: walking the pinyin sort index until enough rows match (a rare or clustered term walks
// most of the table: every 张伟 sits at "zhangwei", deep in the index), or collecting every match
// and sorting it (a common term collects tens of thousands). So each reading is split into parts
// that each have an index giving both the filter and the order, every part takes at most `limit`
// rows after the cursor, and the parts are merged:
//
// - characters (name contains P): names starting with P, per distinct name (a btree on
//   (name collate "C", name_pinyin, id): equal names are one ordered range, and a prefix has few
//   distinct names once it has two characters), or by the first character alone (a btree on
//   (left(name, 1), name_pinyin, id)); and names holding P after their first character (GIN index
//   of the one- and two-character pieces of substr(name, 2), LIKE rechecking).
// - Latin letters t: full pinyin starting with t (one range of the pinyin sort index), and
//   initials starting with t, per distinct initials value (a btree on
//   (name_initials collate "C", name_pinyin, id)); with one letter the second part is inside the
//   first (initials begin with the pinyin's first letter).
//
// The parts are disjoint, so their union is exactly the plain reading (searchCondition).

/** The smallest string above every string starting with `prefix` (a-z, 0-9), or null for a run of z's. */
export function prefixUpperBound(prefix: string): string | null {
  const trimmed = prefix.replace(/z+$/, '');
  if (trimmed === '') return null;
  const last = trimmed.charCodeAt(trimmed.length - 1);
  return trimmed.slice(0, -1) + String.fromCharCode(last + 1);
}

/** The one- and two-character pieces of a text, as banyan_name_grams (migration 0015) makes them. */
export function nameGrams(text: string): string[] {
  const chars = [...text];
  if (chars.length === 1) return chars;
  return [...new Set(chars.slice(0, -1).map((c, i) => c + chars[i + 1]))];
}

const pinyinCol = sql`${customers.namePinyin}`;
const nameC = sql`(${customers.name} collate "C")`;
const initialsC = sql`(${customers.nameInitials} collate "C")`;
const infixGrams = sql`banyan_name_grams(substr(${customers.name}, 2))`;

function pinyinRange(t: string): SQL {
  const upper = prefixUpperBound(t);
  return and(
    gte(customers.namePinyin, t),
    upper ? lt(customers.namePinyin, upper) : undefined,
    sql`${pinyinCol} like ${`${escapeLike(t)}%`}`,
  ) as SQL;
}

function nameStartsWith(p: string): SQL {
  return sql`${nameC} like ${`${escapeLike(p)}%`}`;
}

/** Names holding `p` after their first character (never starting with it: the parts stay disjoint). */
function nameHoldsInside(p: string): SQL {
  const chars = [...p];
  const pieces = sql`array[${sql.join(
    nameGrams(p).map((g) => sql`${g}`),
    sql`, `,
  )}]::text[]`;
  return and(
    sql`${infixGrams} @> ${pieces}`,
    chars.length > 1 ? sql`substr(${customers.name}, 2) like ${`%${escapeLike(p)}%`}` : undefined,
    chars.length > 1 ? sql`not (${nameStartsWith(p)})` : ne(sql`left(${customers.name}, 1)`, p),
  ) as SQL;
}

/** The plain condition of a reading (lists in another order, exports): the same rows as the parts. */
export function pinyinCondition(t: string): SQL {
  return or(pinyinRange(t), sql`${initialsC} like ${`${escapeLike(t)}%`}`) as SQL;
}

export function nameCondition(p: string): SQL {
  const first = [...p].length === 1 ? eq(sql`left(${customers.name}, 1)`, p) : nameStartsWith(p);
  return or(first, nameHoldsInside(p)) as SQL;
}

type Keyed = { id: string; name_pinyin: string };

/** The first `limit` rows of one part, in list order, after the cursor. */
function part(where: SQL, rest: SQL | undefined, limit: number): SQL {
  return sql`(select ${customers.id}, ${customers.namePinyin} from ${customers}
    where ${and(where, rest)} order by ${customers.namePinyin}, ${customers.id} limit ${limit})`;
}

/**
 * Distinct values a part walks one by one (below): enough for the names and initials of people
 * (张伟 has 5 distinct names starting with it, "zw" 11 initials values on 1,000,000 customers);
 * organisations named after a city ("成都..." for "cd") bring thousands, each of one row.
 */
const distinctValueWalk = 50;

/**
 * A part taken per distinct value of `key` starting with `prefix`: a skip scan finds each value
 * (one index descent each), and each value's rows are one ordered range of the same index. Past
 * the first `distinctValueWalk` values the rest of the prefix is read as one range and sorted
 * (a value by value walk of 3,540 initials for "cd" took 74 ms).
 */
function perValue(key: SQL, prefix: string, where: SQL | undefined, rest: SQL | undefined, limit: number): SQL {
  const like = sql`${key} like ${`${escapeLike(prefix)}%`}`;
  return sql`(with recursive v(k, n) as (
      select min(${key}), 1 from ${customers} where ${like}
      union all
      select (select min(${key}) from ${customers} where ${key} > v.k and ${like}), v.n + 1
        from v where v.k is not null and v.n < ${distinctValueWalk}
    )
    select x.id, x.name_pinyin from v cross join lateral (
      select ${customers.id}, ${customers.namePinyin} from ${customers}
      where ${and(sql`${key} = v.k`, where, rest)} order by ${customers.namePinyin}, ${customers.id} limit ${limit}
    ) x where v.k is not null
    union all
    -- offset 0 keeps the range a subquery of its own: ordered outside it, it is read by the index of
    -- the key, never by walking the pinyin sort index in search of its rows (5.5 s for an empty rest)
    (select id, name_pinyin from (select ${customers.id}, ${customers.namePinyin} from ${customers}
      where ${and(like, sql`${key} > (select max(k) from v)`, where, rest)} offset 0) r
      order by name_pinyin, id limit ${limit}))`;
}

/**
 * Ids of the first `limit` customers matching a name or pinyin reading, in name order, after
 * `after` (name_pinyin, id); `rest` is every other condition of the list (scope, status, filters).
 */
export async function searchIdsByName(
  db: DbOrTx,
  reading: { nameContains: string } | { pinyinPrefix: string },
  rest: SQL | undefined,
  after: readonly unknown[] | null,
  limit: number,
): Promise<string[]> {
  // a row comparison, so each part's index takes the cursor as its range start
  const cursor = after ? sql`(${customers.namePinyin}, ${customers.id}) > (${after[0]}, ${after[1]})` : undefined;
  const others = and(rest, cursor);
  const parts: SQL[] = [];
  if ('nameContains' in reading) {
    const p = reading.nameContains;
    parts.push(
      [...p].length === 1
        ? part(eq(sql`left(${customers.name}, 1)`, p), others, limit)
        : perValue(nameC, p, undefined, others, limit),
    );
    parts.push(part(nameHoldsInside(p), others, limit));
  } else {
    const t = reading.pinyinPrefix;
    parts.push(part(pinyinRange(t), others, limit));
    if (t.length > 1) perValueInitials(parts, t, others, limit);
  }
  const rows = await queryRows<Keyed>(
    db,
    sql`select id, name_pinyin from (${sql.join(parts, sql` union all `)}) u order by name_pinyin, id limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

function perValueInitials(parts: SQL[], t: string, others: SQL | undefined, limit: number) {
  // rows whose full pinyin also starts with t are the first part's
  parts.push(perValue(initialsC, t, sql`not (${pinyinCol} like ${`${escapeLike(t)}%`})`, others, limit));
}
