import "nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css";
import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";

mount(App, { target: document.getElementById("app")! });
