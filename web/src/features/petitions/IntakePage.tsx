import { UploadOutlined } from "@ant-design/icons";
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
  Upload,
  type UploadFile,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  PETITION_CATEGORIES,
  PETITION_KINDS,
  PetitionContact,
  STAFF_CHANNELS,
  StaffPetitionCreate,
} from "../../../../common/schemas/petitions.ts";
import { ApiError, api } from "../../api/client.ts";
import { DateField } from "../../components/DateField.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { todayIso } from "../../lib/dates.ts";
import { maximumOf, type SchemaIssue } from "../../lib/schemaIssue.ts";
import { labelSearch } from "../../lib/search.ts";
import { zodRule } from "../../lib/zodRule.ts";
import {
  communesQuery,
  createPetition,
  type DuplicateCandidate,
  type InboxAnswer,
  mergePetition,
  petitionKeys,
  uploadAttachment,
} from "./api.ts";
import { DuplicateList } from "./DuplicateList.tsx";
import { plausiblePhone } from "./format.ts";
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

  // The server's own rules for each field (StaffPetitionCreate), with this form's messages.
  const tooLong = (issue: SchemaIssue) => t("petitions.intake.tooLong", { max: maximumOf(issue) });
  const fields = StaffPetitionCreate.shape;

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
              <Form.Item
                name="title"
                label={t("petitions.intake.titleField")}
                rules={[zodRule(fields.title, tooLong)]}
              >
                <Input maxLength={300} />
              </Form.Item>
              <Form.Item
                name="text"
                label={t("petitions.intake.text")}
                extra={t("petitions.intake.textHelp")}
                rules={[
                  { required: true, whitespace: true, message: t("petitions.intake.required") },
                  zodRule(fields.text, (issue) =>
                    issue.code === "too_big" ? tooLong(issue) : t("petitions.intake.textShort"),
                  ),
                ]}
              >
                <Input.TextArea autoSize={{ minRows: 5, maxRows: 16 }} maxLength={10_000} showCount />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={["contact", "name"]}
                label={t("petitions.intake.contactName")}
                rules={[
                  { required: true, whitespace: true, message: t("petitions.intake.required") },
                  zodRule(PetitionContact.shape.name, tooLong),
                ]}
              >
                <Input autoComplete="off" maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={["contact", "phone"]}
                label={t("petitions.intake.phone")}
                dependencies={[["contact", "email"]]}
                // One message at a time: a number can fail the server's rule and the form's own check.
                validateFirst
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value?: string) =>
                      value?.trim() || String(getFieldValue(["contact", "email"]) ?? "").trim()
                        ? Promise.resolve()
                        : Promise.reject(new Error(t("petitions.intake.contactRequired"))),
                  }),
                  zodRule(PetitionContact.shape.phone, t("petitions.intake.phoneInvalid")),
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
                rules={[zodRule(PetitionContact.shape.email, t("petitions.intake.emailInvalid"))]}
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
