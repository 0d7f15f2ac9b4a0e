import { DeleteOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Upload,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { dayBefore } from "../../../../common/dates.ts";
import { UNIT_TYPES } from "../../../../common/enums.ts";
import { DirectoryEvent, type SplitItem } from "../../../../common/schemas/restructure.ts";
import { ApiError } from "../../api/client.ts";
import { AppForm } from "../../components/AppForm.tsx";
import { DateField } from "../../components/DateField.tsx";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { todayIso } from "../../lib/dates.ts";
import { type EventOutcome, runEvent } from "./api.ts";
import {
  buildEvent,
  type EventValues,
  initialMapping,
  type MappingChoice,
  unmappedItems,
  withMapping,
} from "./eventForm.ts";
import { OutcomeSummary } from "./OutcomeSummary.tsx";

const KINDS = ["rename", "merge", "split", "dissolve", "move", "create"] as const;

type Failure = { message: string; problems: string[]; outcome?: EventOutcome };
type DryRun = { key: string; event: DirectoryEvent; outcome: EventOutcome };

function failureOf(e: unknown): Failure {
  if (!(e instanceof ApiError)) return { message: String(e), problems: [] };
  const details = (e.details ?? {}) as { problems?: string[]; unmapped?: string[]; outcome?: EventOutcome };
  return {
    message: e.message,
    problems: details.problems ?? details.unmapped ?? [],
    outcome: details.outcome,
  };
}

/**
 * A new event: by the form or as the JSON file `dongthuan directory apply-event` takes. A dry run
 * lists everything that would change and every open assignment that would move; a split's
 * assignments are mapped here and confirmed before the event can be applied.
 */
export function EventEditor({ onApplied }: { onApplied: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EventValues>();
  const [mode, setMode] = useState<"form" | "json">("form");
  const [json, setJson] = useState("");
  const [dry, setDry] = useState<DryRun | null>(null);
  const [choice, setChoice] = useState<MappingChoice>({});
  const [confirmed, setConfirmed] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [applied, setApplied] = useState<EventOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const effective = Form.useWatch("effectiveDate", form);
  const unitsOn = effective ? dayBefore(effective) : todayIso();

  const stale = () => {
    setDry(null);
    setApplied(null);
  };

  async function currentEvent(): Promise<DirectoryEvent | null> {
    if (mode === "form") {
      await form.validateFields();
      return buildEvent(form.getFieldsValue(true));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      setFailure({ message: t("restructuring.jsonInvalid", { detail: (e as Error).message }), problems: [] });
      return null;
    }
    const checked = DirectoryEvent.safeParse(parsed);
    if (!checked.success) {
      setFailure({
        message: t("restructuring.jsonNotEvent"),
        problems: checked.error.issues.slice(0, 20).map((i) => `${i.path.join(".") || "—"}: ${i.message}`),
      });
      return null;
    }
    return checked.data;
  }

  async function dryRun() {
    setFailure(null);
    setApplied(null);
    let event: DirectoryEvent | null;
    try {
      event = await currentEvent();
    } catch {
      return; // the form shows what is missing
    }
    if (!event) return;
    setBusy(true);
    try {
      const outcome = await runEvent(event, true);
      setDry({ key: JSON.stringify(event), event, outcome });
      setChoice(initialMapping(outcome));
      setConfirmed(false);
    } catch (e) {
      setDry(null);
      setFailure(failureOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!dry) return;
    setFailure(null);
    setBusy(true);
    try {
      const outcome = await runEvent(withMapping(dry.event, dry.outcome, choice), false);
      setApplied(outcome);
      setDry(null);
      message.success(t("restructuring.appliedOk", { title: dry.event.title }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["directory-events"] }),
        queryClient.invalidateQueries({ queryKey: ["units"] }),
        queryClient.invalidateQueries({ queryKey: ["assignments"] }),
      ]);
    } catch (e) {
      setFailure(failureOf(e));
    } finally {
      setBusy(false);
    }
  }

  const splitItems = dry?.outcome.splits?.flatMap((s) => s.items) ?? [];
  const missing = dry ? unmappedItems(dry.outcome, choice) : [];
  const canApply = !!dry && missing.length === 0 && (splitItems.length === 0 || confirmed);

  return (
    <div>
      <Radio.Group
        value={mode}
        onChange={(e) => {
          setMode(e.target.value);
          stale();
          setFailure(null);
        }}
        optionType="button"
        style={{ marginBottom: 12 }}
        options={[
          { value: "form", label: t("restructuring.byForm") },
          { value: "json", label: t("restructuring.byJson") },
        ]}
        aria-label={t("restructuring.entryMode")}
      />
      {/* Both stay mounted, so switching between them loses nothing typed. */}
      <div hidden={mode !== "form"}>
        <AppForm
          form={form}
          layout="vertical"
          onValuesChange={stale}
          initialValues={{ changes: [{ kind: "rename" }] }}
          disabled={busy}
        >
          <Card style={{ marginBottom: 12 }}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="title"
                  label={t("restructuring.eventTitle")}
                  rules={[{ required: true, whitespace: true, message: t("restructuring.required") }]}
                >
                  <Input maxLength={500} placeholder={t("restructuring.titleHint")} />
                </Form.Item>
              </Col>
              <Col xs={24} md={5}>
                <Form.Item
                  name="effectiveDate"
                  label={t("restructuring.effectiveDate")}
                  rules={[{ required: true, message: t("restructuring.required") }]}
                >
                  <DateField />
                </Form.Item>
              </Col>
              <Col xs={24} md={7}>
                <Form.Item
                  name="legalBasis"
                  label={t("restructuring.legalBasis")}
                  rules={[{ required: true, whitespace: true, message: t("restructuring.required") }]}
                >
                  <Input maxLength={1000} placeholder={t("restructuring.legalBasisHint")} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Form.List name="changes">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    style={{ marginBottom: 12 }}
                    title={<h3 className="rs-h3">{t("restructuring.changeN", { n: index + 1 })}</h3>}
                    extra={
                      fields.length > 1 && (
                        <Button
                          size="small"
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={t("restructuring.removeChange", { n: index + 1 })}
                          onClick={() => remove(field.name)}
                        />
                      )
                    }
                  >
                    <ChangeFields name={field.name} index={index} unitsOn={unitsOn} />
                  </Card>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ kind: "rename" })}>
                  {t("restructuring.addChange")}
                </Button>
              </>
            )}
          </Form.List>
        </AppForm>
      </div>
      <div hidden={mode !== "json"}>
        <Card style={{ marginBottom: 12 }}>
          <p className="rs-muted">{t("restructuring.jsonHelp")}</p>
          <Upload
            accept=".json,application/json"
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then((text) => {
                setJson(text);
                stale();
              });
              return false;
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />}>{t("restructuring.uploadJson")}</Button>
          </Upload>
          <label htmlFor="rs-json" className="rs-label" style={{ marginTop: 12 }}>
            {t("restructuring.jsonLabel")}
          </label>
          <Input.TextArea
            id="rs-json"
            rows={14}
            value={json}
            onChange={(e) => {
              setJson(e.target.value);
              stale();
            }}
            spellCheck={false}
            className="rs-json"
          />
        </Card>
      </div>
      <Space wrap style={{ margin: "16px 0" }}>
        <Button onClick={dryRun} loading={busy} type={dry ? "default" : "primary"}>
          {t("restructuring.dryRun")}
        </Button>
        <Button type="primary" danger onClick={apply} disabled={!canApply} loading={busy && !!dry}>
          {t("restructuring.apply")}
        </Button>
        {!dry && !applied && <span className="rs-muted">{t("restructuring.dryRunFirst")}</span>}
      </Space>
      {failure && (
        <Alert
          role="alert"
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={failure.message}
          description={
            <>
              {failure.problems.length > 0 && (
                <>
                  <p style={{ margin: "4px 0" }}>
                    {t("restructuring.problems", { count: failure.problems.length })}
                  </p>
                  <ul className="rs-list rs-problems">
                    {failure.problems.map((p, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: lines of one answer
                      <li key={i}>{p}</li>
                    ))}
                  </ul>
                </>
              )}
              {failure.outcome && <OutcomeSummary outcome={failure.outcome} />}
            </>
          }
        />
      )}
      {dry && (
        <section aria-labelledby="rs-dry-heading">
          <h2 id="rs-dry-heading" className="card-heading" style={{ marginBottom: 8 }}>
            {t("restructuring.dryRunResult")}
          </h2>
          <Card>
            <OutcomeSummary outcome={dry.outcome} />
            {(dry.outcome.splits ?? []).map((split) => (
              <SplitMapping
                key={split.changeIndex}
                split={split}
                choice={choice}
                onChange={(id, refs) => {
                  setChoice((c) => ({ ...c, [id]: refs }));
                  setConfirmed(false);
                }}
              />
            ))}
            {splitItems.length > 0 && (
              <>
                {missing.length > 0 && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ margin: "12px 0" }}
                    title={t("restructuring.unmapped", { count: missing.length })}
                  />
                )}
                <Checkbox
                  checked={confirmed}
                  onChange={(e) => setConfirmed(e.target.checked)}
                  disabled={missing.length > 0}
                >
                  {t("restructuring.confirmMapping", { count: splitItems.length })}
                </Checkbox>
              </>
            )}
            {dry.outcome.transfers.length === 0 &&
              dry.outcome.closed.length === 0 &&
              (dry.outcome.splits ?? []).length === 0 && (
                <p className="rs-muted">{t("restructuring.nothingMoves")}</p>
              )}
          </Card>
        </section>
      )}
      {applied && (
        <Alert
          type="success"
          showIcon
          title={t("restructuring.appliedTitle")}
          description={
            <>
              <OutcomeSummary outcome={applied} />
              <Button style={{ marginTop: 8 }} onClick={onApplied}>
                {t("restructuring.toEvents")}
              </Button>
            </>
          }
        />
      )}
    </div>
  );
}

function SplitMapping({
  split,
  choice,
  onChange,
}: {
  split: EventOutcome["splits"][number];
  choice: MappingChoice;
  onChange: (assignmentId: string, refs: string[]) => void;
}) {
  const { t } = useTranslation();
  const options = split.successors.map((s) => ({ value: s.ref ?? "", label: s.name, disabled: !s.ref }));
  return (
    <section className="rs-outcome-section" aria-labelledby={`rs-split-${split.changeIndex}`}>
      <h3 id={`rs-split-${split.changeIndex}`} className="rs-h3">
        {t("restructuring.splitTitle", { unit: split.from.name, count: split.items.length })}
      </h3>
      <p className="rs-muted">{t("restructuring.splitHelp")}</p>
      {split.successors.some((s) => !s.ref) && (
        <Alert
          type="warning"
          showIcon
          title={t("restructuring.successorNoKey")}
          style={{ marginBottom: 8 }}
        />
      )}
      <Table<SplitItem>
        rowKey="assignmentId"
        size="small"
        dataSource={split.items}
        pagination={split.items.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 760 }}
        columns={[
          {
            title: t("restructuring.task"),
            key: "task",
            render: (_, item) => (
              <>
                <strong>{item.code}</strong>{" "}
                {item.label.length > 140 ? `${item.label.slice(0, 137)}…` : item.label}
                <div className="rs-muted">
                  {item.planTitle.length > 80 ? `${item.planTitle.slice(0, 77)}…` : item.planTitle} ·{" "}
                  {t(`assignments.role.${item.role}`, { defaultValue: item.role })}
                  {item.occurrence !== "once" ? ` · ${item.occurrence}` : ""} ·{" "}
                  {t(`assignments.state.${item.status}`, { defaultValue: item.status })}
                </div>
              </>
            ),
          },
          {
            title: t("restructuring.proposal"),
            key: "reason",
            width: 150,
            render: (_, item) => <Tag>{t(`restructuring.reason.${item.reason}`)}</Tag>,
          },
          {
            title: t("restructuring.goesTo"),
            key: "to",
            width: 300,
            render: (_, item) => (
              <Checkbox.Group
                aria-label={t("restructuring.goesToFor", { code: item.code })}
                options={options}
                value={choice[item.assignmentId] ?? []}
                onChange={(refs) => onChange(item.assignmentId, refs as string[])}
                className="rs-targets"
              />
            ),
          },
        ]}
      />
    </section>
  );
}

/** The fields of one change, by its kind. */
function ChangeFields({ name, index, unitsOn }: { name: number; index: number; unitsOn: string }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t("restructuring.required") }];
  const typeOptions = UNIT_TYPES.map((type) => ({ value: type, label: t(`unitType.${type}`) }));
  const newUnit = (prefix: (string | number)[], label: string) => (
    <Row gutter={12}>
      <Col xs={24} md={10}>
        <Form.Item name={[...prefix, "name"]} label={label} rules={[{ ...required[0], whitespace: true }]}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={[...prefix, "type"]} label={t("restructuring.unitType")} rules={required}>
          <Select options={typeOptions} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={[...prefix, "parent"]} label={t("restructuring.parent")} rules={required}>
          <UnitTreeSelect asOf={unitsOn} />
        </Form.Item>
      </Col>
    </Row>
  );
  return (
    <>
      <Form.Item
        name={[name, "kind"]}
        label={t("restructuring.kindLabel")}
        rules={required}
        style={{ maxWidth: 320 }}
      >
        <Select options={KINDS.map((k) => ({ value: k, label: t(`restructuring.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => {
          const kind = getFieldValue(["changes", name, "kind"]) as (typeof KINDS)[number];
          const mergeMode = getFieldValue(["changes", name, "into", "mode"]);
          switch (kind) {
            case "rename":
              return (
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item name={[name, "unit"]} label={t("restructuring.unit")} rules={required}>
                      <UnitTreeSelect asOf={unitsOn} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={[name, "name"]}
                      label={t("restructuring.newName")}
                      rules={[{ ...required[0], whitespace: true }]}
                    >
                      <Input maxLength={300} />
                    </Form.Item>
                  </Col>
                </Row>
              );
            case "move":
              return (
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item name={[name, "unit"]} label={t("restructuring.unit")} rules={required}>
                      <UnitTreeSelect asOf={unitsOn} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[name, "parent"]} label={t("restructuring.newParent")} rules={required}>
                      <UnitTreeSelect asOf={unitsOn} />
                    </Form.Item>
                  </Col>
                </Row>
              );
            case "dissolve":
              return (
                <>
                  <Form.Item name={[name, "unit"]} label={t("restructuring.unitClosed")} rules={required}>
                    <UnitTreeSelect asOf={unitsOn} />
                  </Form.Item>
                  <Form.Item
                    name={[name, "successors"]}
                    label={t("restructuring.carriers")}
                    extra={t("restructuring.carriersHelp")}
                  >
                    <UnitTreeSelect asOf={unitsOn} multiple />
                  </Form.Item>
                </>
              );
            case "merge":
              return (
                <>
                  <Form.Item name={[name, "units"]} label={t("restructuring.mergeFrom")} rules={required}>
                    <UnitTreeSelect asOf={unitsOn} multiple />
                  </Form.Item>
                  <Form.Item
                    name={[name, "into", "mode"]}
                    label={t("restructuring.mergeInto")}
                    initialValue="existing"
                  >
                    <Radio.Group
                      options={[
                        { value: "existing", label: t("restructuring.existingUnit") },
                        { value: "new", label: t("restructuring.newUnit") },
                      ]}
                    />
                  </Form.Item>
                  {mergeMode === "new" ? (
                    newUnit([name, "into"], t("restructuring.newUnitName"))
                  ) : (
                    <Form.Item
                      name={[name, "into", "unit"]}
                      label={t("restructuring.intoUnit")}
                      rules={required}
                    >
                      <UnitTreeSelect asOf={unitsOn} />
                    </Form.Item>
                  )}
                </>
              );
            case "split":
              return (
                <>
                  <Form.Item name={[name, "unit"]} label={t("restructuring.unitClosed")} rules={required}>
                    <UnitTreeSelect asOf={unitsOn} />
                  </Form.Item>
                  <Form.List name={[name, "targets"]} initialValue={[{ mode: "new" }, { mode: "new" }]}>
                    {(targets, { add, remove }) => (
                      <fieldset className="rs-fieldset">
                        <legend>{t("restructuring.splitInto")}</legend>
                        {targets.map((target, j) => {
                          const mode = getFieldValue(["changes", name, "targets", target.name, "mode"]);
                          return (
                            <div key={target.key} className="rs-target">
                              <Space align="center" wrap>
                                <strong>{t("restructuring.successorN", { n: j + 1 })}</strong>
                                <Form.Item name={[target.name, "mode"]} noStyle initialValue="new">
                                  <Radio.Group
                                    aria-label={t("restructuring.successorN", { n: j + 1 })}
                                    options={[
                                      { value: "existing", label: t("restructuring.existingUnit") },
                                      { value: "new", label: t("restructuring.newUnit") },
                                    ]}
                                  />
                                </Form.Item>
                                {targets.length > 2 && (
                                  <Button
                                    size="small"
                                    icon={<DeleteOutlined aria-hidden />}
                                    aria-label={t("restructuring.removeSuccessor", { n: j + 1 })}
                                    onClick={() => remove(target.name)}
                                  />
                                )}
                              </Space>
                              {mode === "existing" ? (
                                <Form.Item
                                  name={[target.name, "unit"]}
                                  label={t("restructuring.unit")}
                                  rules={required}
                                >
                                  <UnitTreeSelect asOf={unitsOn} />
                                </Form.Item>
                              ) : (
                                newUnit([target.name], t("restructuring.newUnitName"))
                              )}
                            </div>
                          );
                        })}
                        <Button
                          size="small"
                          icon={<PlusOutlined aria-hidden />}
                          onClick={() => add({ mode: "new" })}
                        >
                          {t("restructuring.addSuccessor")}
                        </Button>
                      </fieldset>
                    )}
                  </Form.List>
                </>
              );
            case "create":
              return newUnit([name], t("restructuring.newUnitName"));
            default:
              return <p className="rs-muted">{t("restructuring.pickKind", { n: index + 1 })}</p>;
          }
        }}
      </Form.Item>
    </>
  );
}
