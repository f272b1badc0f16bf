import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Tag, Tree, TreeSelect } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, type Unit } from '../adminApi';
import { adminErrorText, showOnField } from '../shared/errors';
import { useCan } from '../shared/useCan';
import { type UnitNode, useUnits } from '../shared/useUnits';

const kindColor: Record<Unit['kind'], string> = { head_office: 'purple', branch: 'blue', sub_branch: 'default' };

/** Only head office and branches can hold a new unit (head office > branch > sub-branch). */
function parentsOnly(nodes: UnitNode[]): UnitNode[] {
  return nodes.filter((n) => n.unit.kind !== 'sub_branch').map((n) => ({ ...n, children: parentsOnly(n.children) }));
}

type Values = { parentCode: string; code: string; name: string };
type TreeItem = { key: string; title: ReactNode; children: TreeItem[] };

function AddUnitModal({ tree, onClose }: { tree: UnitNode[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [topError, setTopError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (v: Values) =>
      adminApi.createUnit({ parentCode: v.parentCode, code: v.code.trim(), name: v.name.trim() }),
    onSuccess: (u) => {
      message.success(t('admin.units.added', { name: u.name }));
      void queryClient.invalidateQueries({ queryKey: adminKeys.units });
      onClose();
    },
    onError: (e) => setTopError(showOnField(form, t, e, ['code', 'name', 'parentCode']) ? null : adminErrorText(t, e)),
  });
  const withCodes = (nodes: UnitNode[]): UnitNode[] =>
    nodes.map((n) => ({ ...n, value: n.unit.code, key: n.unit.code, children: withCodes(n.children) }));
  return (
    <Modal
      open
      title={t('admin.units.add')}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
        <Form.Item
          name="parentCode"
          label={t('admin.units.parent')}
          extra={t('admin.units.parentHint')}
          rules={[{ required: true, message: t('admin.units.parentRequired') }]}
        >
          <TreeSelect
            treeDefaultExpandAll
            treeData={withCodes(parentsOnly(tree))}
            aria-label={t('admin.units.parent')}
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('admin.units.code')}
          extra={t('admin.units.codeHint')}
          rules={[
            { required: true, message: t('admin.units.codeRequired') },
            { pattern: /^[A-Z0-9][A-Z0-9-]{0,19}$/, message: t('admin.units.codeHint') },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('admin.units.name')}
          rules={[{ required: true, whitespace: true, message: t('admin.units.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The organisation tree: head office > branches > sub-branches; add a unit with admin:units. */
export function UnitsTab() {
  const { t } = useTranslation();
  const can = useCan();
  const { query, tree, units } = useUnits();
  const [adding, setAdding] = useState(false);
  const label = (nodes: UnitNode[]): TreeItem[] =>
    nodes.map((n) => ({
      key: n.key,
      title: (
        <Flex gap={8} align="center">
          <span>{n.unit.name}</span>
          <code>{n.unit.code}</code>
          <Tag color={kindColor[n.unit.kind]}>{t(`admin.units.kind.${n.unit.kind}`)}</Tag>
        </Flex>
      ),
      children: label(n.children),
    }));

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <ApartmentOutlined aria-hidden />
          {t('admin.units.title', { count: units.length })}
        </Flex>
      }
      extra={
        can('admin:units') && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t('admin.units.add')}
          </Button>
        )
      }
    >
      {query.error && <Alert type="error" showIcon title={adminErrorText(t, query.error)} />}
      {tree.length > 0 && <Tree defaultExpandAll selectable={false} treeData={label(tree)} />}
      {adding && <AddUnitModal tree={tree} onClose={() => setAdding(false)} />}
    </Card>
  );
}
