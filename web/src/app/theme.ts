import type { ThemeConfig } from 'antd';

/** Chinese-first font stack: system UI faces, then common CJK faces, WenQuanYi on Linux. */
export const fontFamily = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"WenQuanYi Micro Hei"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

export const brandColors = {
  primary: '#1755a6',
  headerBg: '#0f2c4c',
  accent: '#3fb68b',
} as const;

export const theme: ThemeConfig = {
  token: {
    colorPrimary: brandColors.primary,
    colorInfo: brandColors.primary,
    colorLink: brandColors.primary,
    borderRadius: 6,
    fontFamily,
  },
  components: {
    Layout: { headerBg: brandColors.headerBg, headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff' },
  },
};
