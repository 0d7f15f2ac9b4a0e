import { Alert, Input, Modal, Radio, Space } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PlanItem } from "./planEnums.ts";

export type SplitAt = { atParagraph: number } | { atOffset: number };

type Props = { item: PlanItem; busy: boolean; onCancel: () => void; onSplit: (at: SplitAt) => void };

/**
 * Where the second part starts: before one of the item's paragraphs, or, for a single paragraph,
 * at the cursor placed in the text.
 */
export function SplitModal({ item, busy, onCancel, onSplit }: Props) {
  const { t } = useTranslation();
  const paragraphs = item.text.split("\n");
  const [paragraph, setParagraph] = useState(1);
  const [offset, setOffset] = useState<number | null>(null);
  const area = useRef<HTMLTextAreaElement | null>(null);
  const byParagraph = paragraphs.length > 1;

  const readCursor = () => {
    const el = area.current;
    if (el)
      setOffset(el.selectionStart > 0 && el.selectionStart < item.text.length ? el.selectionStart : null);
  };

  return (
    <Modal
      open
      title={t("plans.splitTitle", { code: item.code })}
      okText={t("plans.splitItem")}
      cancelText={t("common.cancel")}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ disabled: !byParagraph && offset === null }}
      onOk={() => onSplit(byParagraph ? { atParagraph: paragraph } : { atOffset: offset ?? 1 })}
      width={680}
    >
      {byParagraph ? (
        <Radio.Group
          aria-label={t("plans.splitBefore")}
          value={paragraph}
          onChange={(e) => setParagraph(e.target.value)}
        >
          <Space direction="vertical">
            {paragraphs.slice(1).map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity beyond their place
              <Radio key={i} value={i + 1}>
                {t("plans.splitBeforeParagraph", { n: i + 2 })}: <em>{p.slice(0, 80)}</em>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      ) : (
        <>
          <label htmlFor="plans-split-text" className="plans-label">
            {t("plans.splitCursorHelp")}
          </label>
          <Input.TextArea
            id="plans-split-text"
            ref={(r) => {
              area.current = r?.resizableTextArea?.textArea ?? null;
            }}
            value={item.text}
            readOnly
            autoSize={{ minRows: 4, maxRows: 12 }}
            onSelect={readCursor}
            onKeyUp={readCursor}
            onClick={readCursor}
          />
          <Alert
            style={{ marginTop: 12 }}
            type={offset === null ? "info" : "success"}
            title={
              offset === null
                ? t("plans.splitNoCursor")
                : t("plans.splitPreview", {
                    first: item.text.slice(Math.max(0, offset - 30), offset),
                    rest: item.text.slice(offset, offset + 30),
                  })
            }
          />
        </>
      )}
    </Modal>
  );
}
