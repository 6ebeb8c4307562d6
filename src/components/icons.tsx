// Small line icons for the sidebar. Decorative only: every use sits next to its text label.
import type { ReactNode } from 'react';

function Svg({ children }: { children: ReactNode }) {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

export const OverviewIcon = () => (
  <Svg>
    <path d="M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z" />
  </Svg>
);
export const ProjectsIcon = () => (
  <Svg>
    <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />
  </Svg>
);
export const JobsIcon = () => (
  <Svg>
    <path d="M8 5v14l11-7z" />
  </Svg>
);
export const DatasetsIcon = () => (
  <Svg>
    <ellipse cx="12" cy="6" rx="8" ry="3" />
    <path d="M4 6v6c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12v6c0 1.7 3.6 3 8 3s8-1.3 8-3v-6" />
  </Svg>
);
export const ModelsIcon = () => (
  <Svg>
    <path d="M12 3 3 8l9 5 9-5zM3 13l9 5 9-5" />
  </Svg>
);
export const ModelApisIcon = () => (
  <Svg>
    <path d="M4 7h16M4 12h10M4 17h6" />
    <circle cx="18" cy="15" r="3" />
  </Svg>
);
export const CostIcon = () => (
  <Svg>
    <path d="M12 3v18M17 7.5C17 5.6 14.8 5 12 5s-5 1-5 3 2.2 2.6 5 3.2 5 1.3 5 3.3-2.2 3.5-5 3.5-5-.9-5-2.8" />
  </Svg>
);
export const EnvironmentsIcon = () => (
  <Svg>
    <rect x="3" y="4" width="18" height="6" rx="1.5" />
    <rect x="3" y="14" width="18" height="6" rx="1.5" />
    <path d="M7 7h.01M7 17h.01" />
  </Svg>
);
export const OrganizationsIcon = () => (
  <Svg>
    <path d="M4 21V5a2 2 0 0 1 2-2h7a2 2 0 0 1 2 2v16M15 9h3a2 2 0 0 1 2 2v10M3 21h18M8 7h3M8 11h3M8 15h3" />
  </Svg>
);
export const UsersIcon = () => (
  <Svg>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20c.8-3.4 3.4-5.5 6.5-5.5s5.7 2.1 6.5 5.5M16 4.5a3.5 3.5 0 0 1 0 7M18 14.8c1.9.8 3.1 2.6 3.5 5.2" />
  </Svg>
);
export const MonitoringIcon = () => (
  <Svg>
    <path d="M3 12h4l3-7 4 14 3-7h4" />
  </Svg>
);
export const BillingTagsIcon = () => (
  <Svg>
    <path d="M3 12V4h8l10 10-8 8L3 12z" />
    <circle cx="7.5" cy="8.5" r="1.5" />
  </Svg>
);
