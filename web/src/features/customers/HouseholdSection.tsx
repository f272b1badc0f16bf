import { Card, Col, Empty, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type ChartClick, EChart } from '../../ui/charts/EChart';
import type { HouseholdSection as Household } from './api/customerApi';
import { formatMoney } from './format';
import { codeLabel } from './labels';

type GraphNode = {
  id: string;
  name: string;
  category: number;
  symbolSize: number;
  /** set only for customers the viewer may open */
  customerId?: string;
  itemStyle?: { color: string };
};
type GraphLink = { source: string; target: string; label: { show: boolean; formatter: string } };

const outOfScopeColor = '#bfbfbf';

/**
 * The small relationship graph: the customer, their households with members, and
 * related customers. Out-of-scope people keep the masked name the server sent,
 * are grey, and carry no customer id, so they cannot be opened (DS-05).
 */
export function relationshipGraph(t: TFunction, selfId: string, selfName: string, section: Household) {
  const nodes = new Map<string, GraphNode>();
  const links: GraphLink[] = [];
  const person = (key: string, name: string, customerId: string | null, inScope: boolean) => {
    if (nodes.has(key)) return;
    nodes.set(key, {
      id: key,
      name,
      category: inScope ? 1 : 2,
      symbolSize: 34,
      ...(inScope && customerId ? { customerId } : { itemStyle: { color: outOfScopeColor } }),
    });
  };
  nodes.set(`c:${selfId}`, { id: `c:${selfId}`, name: selfName, category: 0, symbolSize: 52 });
  section.households.forEach((h) => {
    const hk = `h:${h.id}`;
    nodes.set(hk, { id: hk, name: h.name, category: 3, symbolSize: 26 });
    h.members.forEach((m, i) => {
      const key = m.customerId ? `c:${m.customerId}` : `h:${h.id}:m${i}`;
      if (m.customerId !== selfId) person(key, m.name, m.customerId, m.inScope);
      links.push({ source: hk, target: key, label: { show: true, formatter: codeLabel(t, 'householdRole', m.role) } });
    });
  });
  section.relationships.forEach((r, i) => {
    const key = r.otherCustomerId ? `c:${r.otherCustomerId}` : `r:${i}`;
    person(key, r.otherName, r.otherCustomerId, r.inScope);
    links.push({
      source: r.direction === 'outgoing' ? `c:${selfId}` : key,
      target: r.direction === 'outgoing' ? key : `c:${selfId}`,
      label: { show: true, formatter: codeLabel(t, 'relationship', r.kind) },
    });
  });
  return { nodes: [...nodes.values()], links };
}

type Props = { customerId: string; customerName: string; section: Household };

/** Households (with AUM rolled up over visible members) and relationships, as a graph and as lists. */
export function HouseholdSection({ customerId, customerName, section }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const lng = i18n.language;
  const graph = useMemo(
    () => relationshipGraph(t, customerId, customerName, section),
    [t, customerId, customerName, section],
  );
  const option = useMemo(
    () => ({
      tooltip: {},
      legend: { bottom: 0, data: [1, 2, 3].map((i) => t(`customers.household.category.${i}`)) },
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          force: { repulsion: 260, edgeLength: 110 },
          label: { show: true, position: 'bottom' },
          edgeLabel: { fontSize: 11 },
          categories: [0, 1, 2, 3].map((i) => ({
            name: t(`customers.household.category.${i}`),
            // the legend shows the same grey as the out-of-scope nodes
            ...(i === 2 ? { itemStyle: { color: outOfScopeColor } } : {}),
          })),
          data: graph.nodes,
          links: graph.links,
        },
      ],
    }),
    [graph, t],
  );
  const onClick = (e: ChartClick) => {
    const node = e.data as GraphNode | undefined;
    if (e.dataType === 'node' && node?.customerId && node.customerId !== customerId) {
      navigate(`/customers/${encodeURIComponent(node.customerId)}`);
    }
  };

  if (section.households.length === 0 && section.relationships.length === 0) {
    return <Empty description={t('customers.household.none')} />;
  }

  const person = (name: string, id: string | null, inScope: boolean) =>
    inScope && id && id !== customerId ? (
      <Link to={`/customers/${encodeURIComponent(id)}`}>{name}</Link>
    ) : (
      <Typography.Text type={inScope ? undefined : 'secondary'}>{name}</Typography.Text>
    );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('customers.household.graph')}>
          <EChart option={option} label={t('customers.household.graph')} height={360} onClick={onClick} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Flex vertical gap={16}>
          {section.households.map((h) => (
            <Card key={h.id} size="small" title={h.name}>
              <Statistic title={t('customers.household.aum')} value={formatMoney(h.aum, lng)} />
              {h.membersOutOfScope > 0 && (
                <Typography.Text type="secondary">
                  {t('customers.household.outOfScope', { count: h.membersOutOfScope })}
                </Typography.Text>
              )}
              <List
                size="small"
                dataSource={h.members}
                renderItem={(m) => (
                  <List.Item extra={m.aum === null ? '—' : formatMoney(m.aum, lng)}>
                    <Flex gap={8} align="center">
                      {person(m.name, m.customerId, m.inScope)}
                      <Tag>{codeLabel(t, 'householdRole', m.role)}</Tag>
                      {!m.inScope && <Tag>{t('customers.household.notInScope')}</Tag>}
                    </Flex>
                  </List.Item>
                )}
              />
            </Card>
          ))}
          {section.relationships.length > 0 && (
            <Card size="small" title={t('customers.household.relationships')}>
              <List
                size="small"
                dataSource={section.relationships}
                renderItem={(r) => (
                  <List.Item>
                    <Flex gap={8} align="center">
                      {person(r.otherName, r.otherCustomerId, r.inScope)}
                      <Tag color="blue">{codeLabel(t, 'relationship', r.kind)}</Tag>
                      {!r.inScope && <Tag>{t('customers.household.notInScope')}</Tag>}
                    </Flex>
                  </List.Item>
                )}
              />
            </Card>
          )}
        </Flex>
      </Col>
    </Row>
  );
}
