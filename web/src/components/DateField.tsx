import { DatePicker } from "antd";
import dayjs from "dayjs";
import { DISPLAY_DATE_FORMAT } from "../lib/dates.ts";

type Props = {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  allowClear?: boolean;
  "aria-label"?: string;
};

/** A DatePicker whose value is the API's ISO date string, shown dd/MM/yyyy. */
export function DateField({ value, onChange, allowClear = true, ...rest }: Props) {
  return (
    <DatePicker
      {...rest}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format("YYYY-MM-DD") : null)}
      format={DISPLAY_DATE_FORMAT}
      allowClear={allowClear}
      style={{ width: "100%" }}
    />
  );
}
