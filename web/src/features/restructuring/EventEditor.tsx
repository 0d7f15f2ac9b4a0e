import { DeleteOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Space, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { dayBefore } from "../../../../common/dates.ts";
import { DirectoryEvent } from "../../../../common/schemas/restructure.ts";
import { AppForm } from "../../components/AppForm.tsx";
import { DateField } from "../../components/DateField.tsx";
import { todayIso } from "../../lib/dates.ts";
import { type EventOutcome, runEvent } from "./api.ts";
import { ChangeFields } from "./ChangeFields.tsx";
import { type Failure, FailureAlert, failureOf } from "./EventFailure.tsx";
import {
  buildEvent,
  type EventValues,
  initialMapping,
  type MappingChoice,
  unmappedItems,
  withMapping,
} from "./eventForm.ts";
import { OutcomeSummary } from "./OutcomeSummary.tsx";
import { SplitMapping } from "./SplitMapping.tsx";

type DryRun = { key: string; event: DirectoryEvent; outcome: EventOutcome };

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
      {failure && <FailureAlert failure={failure} />}
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
