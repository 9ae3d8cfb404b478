import type { NextConfig } from 'next'

/** Types for next.config.mjs, which tests import. */
export declare const staticSecurityHeaders: { key: string; value: string }[]
export declare const API_PATHS: string
export declare function apiHeaders(overHttps: boolean): { key: string; value: string }[]
declare const nextConfig: NextConfig
export default nextConfig
