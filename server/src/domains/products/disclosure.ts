import fs from 'node:fs';
import type { ProductsDeps } from './products.deps';
import { productError } from './products.errors';
import type { FeeItem, FeeScheduleRow, ProductRow } from './products.tables';

/**
 * Customer-facing documents generated from the fee schedule version in
 * force (FEE-01, FEE-03, FEE-04): the printable disclosure page, its PDF,
 * and the public price list. HTML is built by hand because it is a few
 * escaped strings; PDF uses pdfkit with a CJK font from configuration.
 */

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const pct = (bps: number | null | undefined) =>
  bps === null || bps === undefined ? '—' : `${(bps / 100).toFixed(2)}%`;
const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元`;
const day = (d: Date, tz: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: tz, dateStyle: 'long' }).format(d);

export function feeAmount(i: FeeItem): string {
  return i.kind === 'rate' ? pct(i.rateBps) : yuan(i.amount ?? 0);
}

const typeNames: Record<string, string> = {
  demand_deposit: '活期存款',
  time_deposit: '定期存款',
  wealth: '理财产品',
  fund: '基金',
  insurance: '保险',
  loan: '贷款',
  credit_card: '信用卡',
};

export function keyInfo(p: ProductRow): [string, string][] {
  const rows: [string, string][] = [
    ['产品类型', `${typeNames[p.type] ?? p.type}${p.offering === 'private' ? '（私募）' : ''}`],
    ['发行机构', p.issuer],
    [
      '风险等级',
      p.effectiveRiskLevel
        ? `${p.effectiveRiskLevel}（发行方 ${p.issuerRiskLevel ?? '—'}，本行 ${p.distributorRiskLevel ?? '—'}，取孰高）`
        : '不适用',
    ],
    ['起购金额', yuan(p.minAmount)],
    ['期限', p.termDays ? `${p.termDays} 天` : '无固定期限'],
  ];
  if (p.returnKind === 'benchmark') rows.push(['业绩比较基准', `${pct(p.returnBps)}（不代表未来收益，不是收益承诺）`]);
  if (p.returnKind === 'historical') rows.push(['过往年化收益', `${pct(p.returnBps)}（过往业绩不代表未来表现）`]);
  if (p.interestRateBps !== null) rows.push(['年利率', pct(p.interestRateBps)]);
  if (p.annualisedRateBps !== null) rows.push(['年化利率（单利）', pct(p.annualisedRateBps)]);
  if (p.coolingOffHours > 0) rows.push(['冷静期', `签约后 ${p.coolingOffHours} 小时内可无条件撤销，全额退款`]);
  rows.push(['主要风险', p.keyRisks]);
  return rows;
}

export function disclosureHtml(deps: ProductsDeps, p: ProductRow, f: FeeScheduleRow): string {
  const tz = deps.config.timeZone;
  const info = keyInfo(p)
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join('');
  const fees = f.items
    .map(
      (i) =>
        `<tr><td>${esc(i.name)}</td><td class="num">${esc(feeAmount(i))}</td><td>${esc(i.basis)}</td><td>${esc(i.chargedWhen)}</td><td>${esc(i.explanation)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(p.name)} 产品与费用说明</title>
<style>
body{font-family:"WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",sans-serif;max-width:860px;margin:24px auto;color:#222;line-height:1.6}
h1{font-size:22px;margin-bottom:4px}table{border-collapse:collapse;width:100%;margin:12px 0}
th,td{border:1px solid #bbb;padding:6px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3;width:160px}
.num{white-space:nowrap}.note{background:#fff7e6;border:1px solid #ffd591;padding:8px 12px}
@media print{body{margin:0}.noprint{display:none}}
</style></head><body>
<p class="noprint"><button onclick="window.print()">打印</button></p>
<h1>${esc(p.name)}（${esc(p.code)}）产品与费用说明</h1>
<p>${esc(deps.config.bankName)} · 费用表第 ${f.version} 版 · 自 ${esc(day(f.effectiveFrom, tz))} 起执行</p>
<h2>关键信息</h2><table>${info}</table>
<h2>费用</h2><p>${esc(f.summary)}</p>
<table><tr><th>费用项目</th><th>费率/金额</th><th>计费基础</th><th>收取时间</th><th>通俗解释</th></tr>${fees}</table>
<p class="note">请您确认已了解上述产品信息与费用后再办理。您有权拒绝任何收费服务，本行不会强制或变相强制收费。</p>
</body></html>`;
}

/** The disclosure as PDF. A missing CJK font fails clearly instead of printing empty boxes. */
export async function disclosurePdf(deps: ProductsDeps, p: ProductRow, f: FeeScheduleRow): Promise<Buffer> {
  if (!fs.existsSync(deps.config.pdfFontPath)) {
    throw productError(
      'products.pdf_font_missing',
      `The PDF font ${deps.config.pdfFontPath} is missing (BANYAN_PDF_FONT_PATH)`,
      {
        setting: 'BANYAN_PDF_FONT_PATH',
      },
    );
  }
  // loaded on first use, not at every start
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${p.name} 产品与费用说明` } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    doc.registerFont('cjk', deps.config.pdfFontPath, deps.config.pdfFontName);
    doc.font('cjk');
  } catch (e) {
    throw productError('products.pdf_font_missing', `The PDF font could not be loaded: ${(e as Error).message}`, {
      setting: 'BANYAN_PDF_FONT_PATH',
    });
  }
  const tz = deps.config.timeZone;
  doc.fontSize(18).text(`${p.name}（${p.code}）产品与费用说明`);
  doc
    .moveDown(0.3)
    .fontSize(10)
    .fillColor('#555')
    .text(`${deps.config.bankName} · 费用表第 ${f.version} 版 · 自 ${day(f.effectiveFrom, tz)} 起执行`);
  doc.fillColor('#000').moveDown().fontSize(13).text('关键信息');
  doc.fontSize(10);
  for (const [k, v] of keyInfo(p)) doc.text(`${k}：${v}`);
  doc.moveDown().fontSize(13).text('费用');
  doc.fontSize(10).text(f.summary).moveDown(0.5);
  for (const i of f.items) {
    doc.fontSize(11).text(`${i.name}：${feeAmount(i)}（${i.basis}；${i.chargedWhen}）`);
    doc.fontSize(10).fillColor('#333').text(i.explanation).fillColor('#000').moveDown(0.4);
  }
  doc
    .moveDown()
    .fontSize(10)
    .text('请您确认已了解上述产品信息与费用后再办理。您有权拒绝任何收费服务，本行不会强制或变相强制收费。');
  doc.end();
  return done;
}

/** FEE-03: the public price list of every product on sale, from the schedules in force. */
export function priceListHtml(
  deps: ProductsDeps,
  rows: { product: ProductRow; schedule: FeeScheduleRow }[],
  at: Date,
): string {
  const tz = deps.config.timeZone;
  const body = rows
    .map(({ product: p, schedule: f }) => {
      const items = f.items
        .map(
          (i) =>
            `<tr><td>${esc(i.name)}</td><td class="num">${esc(feeAmount(i))}</td><td>${esc(i.basis)}</td><td>${esc(i.explanation)}</td></tr>`,
        )
        .join('');
      const rate = p.annualisedRateBps !== null ? `<p>年化利率（单利）：${pct(p.annualisedRateBps)}</p>` : '';
      return `<section><h2>${esc(p.name)} <small>${esc(p.code)} · ${esc(typeNames[p.type] ?? p.type)}</small></h2>${rate}
<p>${esc(f.summary)}（第 ${f.version} 版，自 ${esc(day(f.effectiveFrom, tz))} 起执行）</p>
<table><tr><th>项目</th><th>费率/金额</th><th>计费基础</th><th>说明</th></tr>${items}</table></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(deps.config.bankName)} 服务价格公示</title>
<style>body{font-family:"WenQuanYi Micro Hei","PingFang SC",sans-serif;max-width:960px;margin:24px auto;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}th{background:#f5f5f5}
small{color:#888;font-weight:normal}.num{white-space:nowrap}</style></head><body>
<h1>${esc(deps.config.bankName)} 服务价格公示</h1><p>公示时间：${esc(day(at, tz))}。价格上调至少提前 ${deps.config.feeIncreaseNoticeMonths} 个月公示。</p>
${body}</body></html>`;
}
