import { PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { useRouterState } from "@tanstack/react-router";
import { Button, Card, Col, Row, Space, Tabs } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Unit } from "../../../../common/schemas/units.ts";
import { useMe } from "../../app/session.ts";
import { DateField } from "../../components/DateField.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { todayIso } from "../../lib/dates.ts";
import { ExportButtons } from "./ExportButtons.tsx";
import { GroupsTab } from "./GroupsTab.tsx";
import { ImportModal } from "./ImportModal.tsx";
import { UnitDetailPanel } from "./UnitDetailPanel.tsx";
import { UnitFormModal, type UnitFormMode } from "./UnitFormModal.tsx";
import { UnitSearch } from "./UnitSearch.tsx";
import { UnitTreePanel } from "./UnitTreePanel.tsx";

type DirectorySearch = { unit?: string; type?: string };

export default function DirectoryPage() {
  const { t } = useTranslation();
  usePageTitle(t("nav.directory"));
  const me = useMe();
  const canManage = me.permissions.directory.manage;
  const [asOf, setAsOf] = useState(todayIso());
  // Links from the home page name a unit (?unit=) or a unit type (?type=).
  const search = useRouterState({ select: (s) => s.location.search as DirectorySearch });
  const [selected, setSelected] = useState<string | null>(search.unit ?? null);
  useEffect(() => {
    if (search.unit) setSelected(search.unit);
  }, [search.unit]);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [editing, setEditing] = useState<{ mode: UnitFormMode; unit?: Unit } | null>(null);
  const [importing, setImporting] = useState(false);
  const onExpand = useCallback((keys: string[]) => setExpanded(keys), []);

  const openForm = (mode: UnitFormMode, unit?: Unit) => setEditing({ mode, unit });
  // Below the lg breakpoint the details sit under the tree: bring them into view.
  const choose = (id: string | null) => {
    setSelected(id);
    if (id && window.matchMedia("(max-width: 991px)").matches) {
      requestAnimationFrame(() => document.getElementById("unit-detail")?.scrollIntoView({ block: "start" }));
    }
  };

  const toolbar = (
    <Card style={{ marginBottom: 16 }}>
      <Row gutter={[16, 12]} align="bottom">
        <Col xs={24} sm={10} md={6}>
          <label htmlFor="directory-as-of" style={{ display: "block", fontWeight: 600, marginBottom: 4 }}>
            {t("directory.asOf")}
          </label>
          <DateField
            id="directory-as-of"
            value={asOf}
            allowClear={false}
            onChange={(v) => {
              setAsOf(v ?? todayIso());
              setExpanded(null); // another date, another tree: open its first levels afresh
            }}
          />
        </Col>
        <Col xs={24} sm={14} md={18}>
          <Space wrap>
            {me.permissions.directory.export && <ExportButtons asOf={asOf} />}
            {canManage && (
              <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
                {t("directory.import")}
              </Button>
            )}
            {canManage && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => openForm("create")}>
                {t("directory.create")}
              </Button>
            )}
          </Space>
        </Col>
      </Row>
    </Card>
  );

  const unitsTab = (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card style={{ marginBottom: 16 }}>
          <UnitSearch asOf={asOf} onPick={choose} initialType={search.type} />
        </Card>
        <UnitTreePanel
          asOf={asOf}
          selectedId={selected}
          onSelect={setSelected}
          expandedKeys={expanded}
          onExpand={onExpand}
        />
      </Col>
      <Col xs={24} lg={12} id="unit-detail">
        <UnitDetailPanel
          unitId={selected}
          canManage={canManage}
          onEdit={(mode, unit) => openForm(mode, unit)}
          onDeleted={() => setSelected(null)}
        />
      </Col>
    </Row>
  );

  return (
    <>
      <h1 className="page-title">{t("nav.directory")}</h1>
      <p className="page-lead">{t("directory.lead")}</p>
      {toolbar}
      <Tabs
        items={[
          { key: "units", label: t("directory.tabUnits"), children: unitsTab },
          {
            key: "groups",
            label: t("directory.tabGroups"),
            children: <GroupsTab asOf={asOf} canManage={canManage} />,
          },
        ]}
      />
      {editing && (
        <UnitFormModal
          mode={editing.mode}
          unit={editing.mode === "create" ? undefined : editing.unit}
          parentId={editing.mode === "create" ? (editing.unit?.id ?? null) : undefined}
          asOf={asOf}
          onClose={() => setEditing(null)}
          onSaved={(unit) => {
            setEditing(null);
            setSelected(unit.id);
          }}
        />
      )}
      {importing && <ImportModal onClose={() => setImporting(false)} />}
    </>
  );
}
