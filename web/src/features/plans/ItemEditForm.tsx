import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Col, Form, Input, Row, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, isConflict } from "../../api/client.ts";
import { AppForm } from "../../components/AppForm.tsx";
import { ConflictNotice, type ConflictView } from "../../components/ConflictNotice.tsx";
import { patchItem, planDetailQuery, planKeys, planTreeQuery, type VersionRef } from "./api.ts";
import { ACTOR_ROLES, findItem, parsePartialDate } from "./format.ts";
import { buildPatch, changedFields, type ItemField, type ItemFormValues, itemToForm } from "./itemForm.ts";
import { ITEM_KINDS, type PlanItem, RECURRENCES } from "./planEnums.ts";

type Props = {
  planId: string;
  revision: number;
  version: VersionRef | "default";
  item: PlanItem;
  /** Every mention of the plan, offered when typing actors. */
  mentions: string[];
  onDone: () => void;
};

function showField(item: PlanItem, field: ItemField, t: (k: string) => string): string {
  if (field === "actors") {
    return ACTOR_ROLES.filter((r) => item.actors[r].length)
      .map((r) => `${t(`plans.actor.${r}`)}: ${item.actors[r].join(", ")}`)
      .join("; ");
  }
  if (field === "due") return item.due?.text ?? "";
  if (field === "kind") return t(`plans.kind.${item.kind}`);
  return (field === "title" ? item.title : item.text) ?? "";
}

/**
 * Edits one item of the draft. The PATCH names the revision the user started from; when someone
 * saved first (409) both versions are shown, and the user's values stay in the form.
 */
export function ItemEditForm({ planId, revision, version, item, mentions, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ItemFormValues>();
  const [base, setBase] = useState({ item, revision });
  const [conflict, setConflict] = useState<(ConflictView & { values: ItemFormValues }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tr = (k: string) => t(k);

  async function save(values: ItemFormValues, from = base) {
    setBusy(true);
    setError(null);
    try {
      const patch = buildPatch(from.item, values, from.revision);
      if (changedFields(patch).length === 0) {
        message.info(t("plans.noChange"));
        onDone();
        return;
      }
      await patchItem(planId, item.code, patch);
      await queryClient.invalidateQueries({ queryKey: planKeys.plan(planId) });
      message.success(t("plans.itemSaved", { code: item.code }));
      setConflict(null);
      onDone();
    } catch (e) {
      if (isConflict(e)) {
        const [detail, tree] = await Promise.all([
          queryClient.fetchQuery({ ...planDetailQuery(planId), staleTime: 0 }),
          queryClient.fetchQuery({ ...planTreeQuery(planId, version), staleTime: 0 }),
        ]);
        const current = findItem(tree.items, item.code);
        if (!current) {
          setError(t("plans.itemGone", { code: item.code }));
          return;
        }
        const mine = buildPatch(from.item, values, from.revision);
        const fields = changedFields(mine);
        const mineItem = { ...from.item, ...values, ...mine } as unknown as PlanItem;
        setConflict({
          message: e.message,
          values,
          rows: fields.map((field) => ({
            field,
            label: t(`plans.field.${field}`),
            mine: showField(
              { ...mineItem, actors: mine.actors ?? from.item.actors, due: mine.due ?? null },
              field,
              tr,
            ),
            theirs: showField(current, field, tr),
            otherChanged: showField(from.item, field, tr) !== showField(current, field, tr),
          })),
        });
        await queryClient.invalidateQueries({ queryKey: planKeys.plan(planId) });
        setBase({ item: current, revision: detail.revision });
      } else {
        setError(e instanceof ApiError ? e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  }

  const options = mentions.map((m) => ({ value: m, label: m }));
  const hasTitle = item.kind === "section" || item.kind === "heading";

  return (
    <>
      {conflict && (
        <ConflictNotice
          conflict={conflict}
          busy={busy}
          onReapply={() => void save(conflict.values, base)}
          onTakeTheirs={() => {
            setConflict(null);
            onDone();
          }}
        />
      )}
      {error && <Alert role="alert" style={{ marginBottom: 12 }} type="error" showIcon title={error} />}
      <AppForm<ItemFormValues>
        form={form}
        layout="vertical"
        initialValues={itemToForm(item)}
        // Fields not shown (a task has no title) are absent from values: start from the item.
        onFinish={(values) => void save({ ...itemToForm(item), ...values })}
        requiredMark={false}
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="kind" label={t("plans.field.kind")}>
              <Select options={ITEM_KINDS.map((k) => ({ value: k, label: t(`plans.kind.${k}`) }))} />
            </Form.Item>
          </Col>
          {hasTitle && (
            <Col xs={24} sm={16}>
              <Form.Item name="title" label={t("plans.field.title")}>
                <Input />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item
          name="text"
          label={t("plans.field.text")}
          rules={[{ required: true, whitespace: true, message: t("plans.textRequired") }]}
          extra={t("plans.textHelp")}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
        </Form.Item>
        <fieldset className="plans-fieldset">
          <legend>{t("plans.field.actors")}</legend>
          <Row gutter={12}>
            {ACTOR_ROLES.map((role) => (
              <Col xs={24} sm={12} key={role}>
                <Form.Item name={role} label={t(`plans.actor.${role}`)}>
                  <Select
                    mode="tags"
                    options={options}
                    tokenSeparators={[";"]}
                    placeholder={t("plans.actorsHelp")}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </fieldset>
        <fieldset className="plans-fieldset">
          <legend>{t("plans.field.due")}</legend>
          <Row gutter={12}>
            <Col xs={24} sm={10}>
              <Form.Item name="dueText" label={t("plans.dueText")}>
                <Input placeholder={t("plans.dueTextPlaceholder")} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={7}>
              <Form.Item name="dueRecurrence" label={t("plans.dueRecurrence")}>
                <Select
                  options={[
                    { value: "", label: t("plans.recurrence.none") },
                    ...RECURRENCES.map((r) => ({ value: r, label: t(`plans.recurrence.${r}`) })),
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={7}>
              <Form.Item
                name="dueDate"
                label={t("plans.dueDate")}
                rules={[
                  {
                    validator: (_, v: string) =>
                      !v?.trim() || parsePartialDate(v)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t("plans.dueDateInvalid"))),
                  },
                ]}
              >
                <Input placeholder="dd/MM/yyyy" />
              </Form.Item>
            </Col>
          </Row>
        </fieldset>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t("common.save")}
          </Button>
          <Button onClick={onDone} disabled={busy}>
            {t("common.cancel")}
          </Button>
        </Space>
      </AppForm>
    </>
  );
}
