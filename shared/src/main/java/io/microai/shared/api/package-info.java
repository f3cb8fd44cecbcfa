/**
 * The names the services publish and their clients depend on: routes, health paths, default ports
 * and metric family names. Constants only, so every module can depend on them without depending on
 * a service.
 */
package io.microai.shared.api;
