import { MergeCellsOutlined, UploadOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Row,
  Select,
  Space,
  Tag,
  Upload,
  type UploadFile,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  PETITION_CATEGORIES,
  PETITION_KINDS,
  STAFF_CHANNELS,
  type StaffPetitionCreate,
} from "../../../../common/schemas/petitions.ts";
import { ApiError, api } from "../../api/client.ts";
import { useConfirmIrreversible } from "../../components/confirmIrreversible.tsx";
import { DateField } from "../../components/DateField.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, todayIso } from "../../lib/dates.ts";
import { labelSearch } from "../../lib/search.ts";
import {
  communesQuery,
  createPetition,
  type DuplicateCandidate,
  type InboxAnswer,
  mergePetition,
  petitionKeys,
  uploadAttachment,
} from "./api.ts";
import { plausiblePhone, STATUS_COLORS } from "./format.ts";
import "./petitions.css";
import { AppForm, showFieldErrors } from "../../components/AppForm.tsx";

type Values = {
  channel: StaffPetitionCreate["channel"];
  kind: StaffPetitionCreate["kind"];
  category?: string;
  communeId?: string;
  receivedDate?: string | null;
  title?: string;
  text: string;
  contact: { name: string; phone?: string; email?: string };
  remoteArea?: boolean;
};

type Created = {
  id: string;
  trackingCode: string;
  duplicates: DuplicateCandidate[];
  /** False when the case went to the coordinator and is outside the user's own scope. */
  visible: boolean;
};

const MAX_FILES = 5;

/** The server's field path ("contact.phone", "communeName") as the form's name path. */
function formField(path: string): (string | number)[] {
  if (path === "communeName") return ["communeId"];
  return path.split(".");
}

export default function IntakePage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("petitions.intake.title"));
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const communes = useQuery(communesQuery);
  const [files, setFiles] = useState<(UploadFile & { uploadId?: string })[]>([]);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [merging, setMerging] = useState<string | null>(null);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      const contact = {
        name: values.contact.name.trim(),
        ...(values.contact.phone?.trim() ? { phone: values.contact.phone.trim() } : {}),
        ...(values.contact.email?.trim() ? { email: values.contact.email.trim() } : {}),
      };
      const attachments = files.map((f) => f.uploadId).filter((id): id is string => !!id);
      const body: StaffPetitionCreate = {
        channel: values.channel,
        kind: values.kind,
        text: values.text,
        contact,
        communeId: values.communeId,
        ...(values.category ? { category: values.category } : {}),
        ...(values.title?.trim() ? { title: values.title.trim() } : {}),
        ...(values.receivedDate ? { receivedDate: values.receivedDate } : {}),
        ...(values.remoteArea ? { remoteArea: true } : {}),
        ...(attachments.length ? { attachments } : {}),
      };
      const result = await createPetition(body);
      // Whether the new case is in the user's own list (no personal data read, nothing logged).
      const mine = await api<InboxAnswer>("/api/petitions", { query: { q: result.trackingCode, limit: 1 } });
      await queryClient.invalidateQueries({ queryKey: petitionKeys.all });
      setCreated({ ...result, visible: mine.items.some((p) => p.id === result.id) });
      message.success(t("petitions.intake.created", { code: result.trackingCode }));
    } catch (e) {
      if (e instanceof ApiError && e.field) {
        showFieldErrors(form, [{ name: formField(e.field) as never, errors: [e.message] }]);
      }
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function merge(into: DuplicateCandidate) {
    if (!created) return;
    setMerging(into.id);
    try {
      await mergePetition(created.id, into.id);
      await queryClient.invalidateQueries({ queryKey: petitionKeys.all });
      message.success(t("petitions.merge.done", { code: into.trackingCode }));
      await navigate({ to: "/petitions/$id", params: { id: into.id } });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setMerging(null);
    }
  }

  function again() {
    form.resetFields();
    setFiles([]);
    setCreated(null);
    setError(null);
  }

  const categoryOptions = PETITION_CATEGORIES.map((c) => ({
    value: c.code,
    label: i18n.language === "en" ? c.en : c.vi,
  }));

  if (created) {
    return (
      <div className="petitions-scope">
        <h1 className="page-title">{t("petitions.intake.title")}</h1>
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("petitions.intake.created", { code: created.trackingCode })}
          description={t("petitions.intake.trackingCode", { code: created.trackingCode })}
          action={
            <Space orientation="vertical">
              {created.visible && (
                <Link to="/petitions/$id" params={{ id: created.id }}>
                  {t("petitions.intake.openCase", { code: created.trackingCode })}
                </Link>
              )}
              <Button size="small" onClick={again}>
                {t("petitions.intake.another")}
              </Button>
            </Space>
          }
        />
        {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {created.duplicates.length > 0 && (
          <Card
            title={<h2 className="card-heading">{t("petitions.intake.duplicatesTitle")}</h2>}
            extra={
              <Button onClick={() => setCreated({ ...created, duplicates: [] })}>
                {t("petitions.intake.keepSeparate")}
              </Button>
            }
          >
            <p>{t("petitions.intake.duplicatesLead", { code: created.trackingCode })}</p>
            <DuplicateList items={created.duplicates} busyId={merging} onMerge={(d) => void merge(d)} />
          </Card>
        )}
      </div>
    );
  }

  return (
    <div className="petitions-scope">
      <h1 className="page-title">{t("petitions.intake.title")}</h1>
      <p className="page-lead">{t("petitions.intake.lead")}</p>
      <Card>
        <AppForm<Values>
          form={form}
          layout="vertical"
          requiredMark
          initialValues={{ channel: "letter", kind: "phan-anh", receivedDate: todayIso() }}
          onFinish={(values) => void submit(values)}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="channel" label={t("petitions.intake.channel")} rules={[{ required: true }]}>
                <Select
                  options={STAFF_CHANNELS.filter((c) => c !== "portal").map((c) => ({
                    value: c,
                    label: t(`petitions.channel.${c}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t("petitions.intake.kind")} rules={[{ required: true }]}>
                <Select
                  options={PETITION_KINDS.map((k) => ({ value: k, label: t(`petitions.kind.${k}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="receivedDate" label={t("petitions.intake.receivedDate")}>
                <DateField allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="communeId"
                label={t("petitions.intake.commune")}
                rules={[{ required: true, message: t("petitions.intake.required") }]}
              >
                <Select
                  placeholder={t("petitions.intake.pickCommune")}
                  loading={communes.isPending}
                  showSearch={labelSearch()}
                  options={(communes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="category" label={t("petitions.intake.category")}>
                <Select
                  allowClear
                  placeholder={t("petitions.intake.pickCategory")}
                  options={categoryOptions}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="title" label={t("petitions.intake.titleField")} rules={[{ max: 300 }]}>
                <Input maxLength={300} />
              </Form.Item>
              <Form.Item
                name="text"
                label={t("petitions.intake.text")}
                extra={t("petitions.intake.textHelp")}
                rules={[
                  { required: true, whitespace: true, message: t("petitions.intake.required") },
                  { min: 20, message: t("petitions.intake.textShort") },
                  { max: 10_000 },
                ]}
              >
                <Input.TextArea autoSize={{ minRows: 5, maxRows: 16 }} maxLength={10_000} showCount />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={["contact", "name"]}
                label={t("petitions.intake.contactName")}
                rules={[{ required: true, whitespace: true, message: t("petitions.intake.required") }]}
              >
                <Input autoComplete="off" maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={["contact", "phone"]}
                label={t("petitions.intake.phone")}
                dependencies={[["contact", "email"]]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value?: string) =>
                      value?.trim() || String(getFieldValue(["contact", "email"]) ?? "").trim()
                        ? Promise.resolve()
                        : Promise.reject(new Error(t("petitions.intake.contactRequired"))),
                  }),
                  {
                    // A first check of the form; the server decides whether it is a Vietnamese number.
                    validator: (_, value?: string) =>
                      !value?.trim() || plausiblePhone(value)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t("petitions.intake.phoneInvalid"))),
                  },
                ]}
              >
                <Input inputMode="tel" autoComplete="off" maxLength={30} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={["contact", "email"]}
                label={t("petitions.intake.email")}
                extra={t("petitions.intake.contactHelp")}
                rules={[{ type: "email", message: t("petitions.intake.emailInvalid") }]}
              >
                <Input inputMode="email" autoComplete="off" maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="remoteArea" valuePropName="checked">
                <Checkbox>{t("petitions.intake.remoteArea")}</Checkbox>
              </Form.Item>
              <Form.Item label={t("petitions.intake.attachments")}>
                <Upload
                  fileList={files}
                  maxCount={MAX_FILES}
                  customRequest={async ({ file, onSuccess, onError }) => {
                    setUploadError(null);
                    try {
                      const { uploadId } = await uploadAttachment(file as File);
                      setFiles((list) =>
                        list.map((f) => (f.uid === (file as UploadFile).uid ? { ...f, uploadId } : f)),
                      );
                      onSuccess?.({ uploadId });
                    } catch (e) {
                      setUploadError(e instanceof Error ? e.message : String(e));
                      onError?.(e as Error);
                    }
                  }}
                  onChange={({ fileList }) =>
                    setFiles((previous) =>
                      fileList
                        .filter((f) => f.status !== "error")
                        .map((f) => ({ ...f, uploadId: previous.find((p) => p.uid === f.uid)?.uploadId })),
                    )
                  }
                >
                  <Button icon={<UploadOutlined aria-hidden />} disabled={files.length >= MAX_FILES}>
                    {t("petitions.intake.attach")}
                  </Button>
                </Upload>
                {uploadError && (
                  <Alert role="alert" type="error" showIcon title={uploadError} style={{ marginTop: 8 }} />
                )}
              </Form.Item>
            </Col>
          </Row>
          {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button
            type="primary"
            htmlType="submit"
            loading={busy}
            disabled={files.some((f) => f.status === "uploading")}
          >
            {t("petitions.intake.submit")}
          </Button>
        </AppForm>
      </Card>
    </div>
  );
}

/** Likely duplicates with a merge button each: the case in hand goes into the chosen one. */
export function DuplicateList(props: {
  items: DuplicateCandidate[];
  busyId: string | null;
  onMerge?: (into: DuplicateCandidate) => void;
}) {
  const { t } = useTranslation();
  const confirm = useConfirmIrreversible();
  return (
    <ul className="petitions-cards">
      {props.items.map((d) => (
        <li key={d.id}>
          <div className="petitions-card-top">
            <Link to="/petitions/$id" params={{ id: d.id }} className="petitions-code">
              {d.trackingCode}
            </Link>
            <Space wrap size={4}>
              {d.sameContact && <Tag color="gold">{t("petitions.merge.sameContact")}</Tag>}
              <Tag>{t("petitions.merge.similarity", { percent: Math.round(d.similarity * 100) })}</Tag>
              <Tag color={STATUS_COLORS[d.status]}>{t(`petitions.status.${d.status}`)}</Tag>
            </Space>
          </div>
          <div className="petitions-muted">
            {t(`petitions.kind.${d.kind}`)} · {d.commune ?? "—"} · {formatDate(d.receivedDate)}
          </div>
          <p className="petitions-text" style={{ margin: "6px 0" }}>
            {d.excerpt}
          </p>
          {props.onMerge && (
            <Button
              icon={<MergeCellsOutlined aria-hidden />}
              loading={props.busyId === d.id}
              onClick={async () => {
                const ok = await confirm({
                  title: t("petitions.merge.confirmTitle", { code: d.trackingCode }),
                  body: t("petitions.merge.confirm", { code: d.trackingCode }),
                  action: t("petitions.merge.action"),
                });
                if (ok) props.onMerge?.(d);
              }}
            >
              {t("petitions.merge.into", { code: d.trackingCode })}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
